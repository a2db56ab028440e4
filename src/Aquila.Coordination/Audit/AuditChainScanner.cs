using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Audit;

// One pass over the whole chain in sequence order (one SELECT, so one consistent snapshot under WAL): checks numbering,
// links and hashes, and compares the nodes' saved heads on the way. Stops at the first problem.
internal static class AuditChainScanner
{
    public static AuditVerification Scan(
        SqliteConnection connection, IEnumerable<AuditHead>? savedHeads, CancellationToken cancellationToken)
    {
        var heads = SortedHeads(savedHeads);
        var nextHead = 0;
        var head = AuditHead.Empty;

        using var command = connection.CreateCommand();
        command.CommandText = AuditSchema.SelectAll;
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if ((head.Sequence & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            var expected = head.Sequence + 1;
            if (!AuditRows.TryRead(reader, out var entry, out var problem))
            {
                var at = reader.GetValue(0) is long s ? s : expected;
                return Fail(AuditProblem.MalformedEntry, Math.Min(at, expected), $"Entry {at} cannot be read: {problem}.");
            }

            if (entry.Sequence != expected)
            {
                return entry.Sequence > expected
                    ? Fail(AuditProblem.Gap, expected, $"Entry {expected} is missing: the next entry is {entry.Sequence}.")
                    : Fail(AuditProblem.MalformedEntry, expected, $"Entry {expected} has the sequence number {entry.Sequence}.");
            }

            if (entry.PrevHash != head.Hash)
            {
                return Fail(
                    AuditProblem.BrokenLink,
                    expected,
                    $"Entry {expected} does not link to entry {head.Sequence}: entries were removed, inserted or reordered.");
            }

            var hash = AuditEntryEncoding.ComputeHash(entry);
            if (hash != entry.Hash)
            {
                return Fail(AuditProblem.HashMismatch, expected, $"Entry {expected} does not match its hash: it was edited.");
            }

            for (; nextHead < heads.Length && heads[nextHead].Sequence == expected; nextHead++)
            {
                if (heads[nextHead].Hash != hash)
                {
                    return Fail(
                        AuditProblem.SavedHeadMismatch,
                        expected,
                        $"Entry {expected} differs from the head a node saved for it: the history up to entry {expected} was rewritten.");
                }
            }

            head = new AuditHead(expected, hash);
        }

        if (nextHead < heads.Length)
        {
            return Fail(
                AuditProblem.SavedHeadMissing,
                head.Sequence + 1,
                $"The chain ends at entry {head.Sequence} but a node saved a head for entry {heads[nextHead].Sequence}: "
                + "entries were removed from the end.");
        }

        return AuditVerification.Valid(head, heads.Length);

        AuditVerification Fail(AuditProblem problem, long sequence, string message) =>
            AuditVerification.Invalid(problem, sequence, message, head.Sequence, head, nextHead);
    }

    private static AuditHead[] SortedHeads(IEnumerable<AuditHead>? savedHeads)
    {
        if (savedHeads is null)
        {
            return [];
        }

        var heads = new List<AuditHead>();
        foreach (var saved in savedHeads)
        {
            if (saved.Sequence < 0)
            {
                throw new ArgumentException("A saved audit head has a negative sequence number.", nameof(savedHeads));
            }

            if (saved.Sequence == 0)
            {
                if (saved.Hash != AuditHash.Zero)
                {
                    throw new ArgumentException(
                        "A saved audit head for sequence 0 (the empty chain) must have the zero hash.", nameof(savedHeads));
                }

                continue;
            }

            heads.Add(saved);
        }

        var sorted = heads.ToArray();
        Array.Sort(sorted, static (a, b) => a.Sequence.CompareTo(b.Sequence));
        return sorted;
    }
}
