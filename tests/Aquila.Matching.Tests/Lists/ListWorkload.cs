using Aquila.Matching.Lists;

namespace Aquila.Matching.Tests.Lists;

/// <summary>
/// A random but reproducible mix of list operations for the list's fuzz and crash tests: adds, removes and replaces
/// by the three contributors over a small handle and token domain (so duplicates across contributors appear, are
/// updated and withdrawn), and queries that hit (each one logged). <see cref="Observe"/> is everything a caller sees.
/// </summary>
internal static class ListWorkload
{
    /// <summary>One operation.</summary>
    public sealed record Operation(int Number, string Party, ListChangeKind? Change, ListEntryInput[] Entries, byte[][] Removed, byte[] QueryTokens)
    {
        public override string ToString() => Change is { } kind
            ? $"#{Number} {kind} by {Party}: {Entries.Length} entries, {Removed.Length} removed"
            : $"#{Number} query by {Party}";
    }

    public static Operation[] Generate(Random random, int count)
    {
        var operations = new Operation[count];
        for (var i = 0; i < count; i++)
        {
            var party = ListTestBed.Contributors[random.Next(3)];
            var roll = random.Next(10);
            operations[i] = roll switch
            {
                < 5 => new(i, party, ListChangeKind.Add, Entries(random, party, random.Next(1, 4)), [], []),
                < 7 => new(i, party, ListChangeKind.Remove, [], [.. Enumerable.Range(0, random.Next(1, 3)).Select(_ => HandleOf(party, random.Next(8)))], []),
                < 8 => new(i, party, ListChangeKind.Replace, Entries(random, party, random.Next(0, 3)), [], []),
                _ => new(i, party, null, [], [], ListTestBed.Tokens((random.Next(3), random.Next(6)))),
            };
        }

        return operations;
    }

    /// <summary>Applies <paramref name="operation"/>; throws when the list refuses it (a test bug) or the log fails (a crash).</summary>
    public static async Task ApplyAsync(JointList list, Operation operation, CancellationToken cancellationToken = default)
    {
        if (operation.Change is { } kind)
        {
            var (_, problem) = await list.ChangeAsync(operation.Party, kind, operation.Entries, [.. operation.Removed.Select(h => (ReadOnlyMemory<byte>)h)],
                cancellationToken);
            Assert.Null(problem);
        }
        else
        {
            var outcome = await list.QueryAsync(operation.Party, "case-" + operation.Number, operation.QueryTokens, cancellationToken);
            Assert.Null(outcome.Problem);
        }
    }

    /// <summary>Every contributor's entry count and whole notification stream.</summary>
    public static List<string> Observe(JointList list)
    {
        var seen = new List<string>();
        foreach (var party in ListTestBed.Contributors)
        {
            seen.Add($"{party} entries {list.EntryCount(party)}");
            seen.AddRange(ListTestBed.Stream(list, party).Select(e => party + " " + e));
        }

        return seen;
    }

    /// <summary>What a list that went through exactly <paramref name="operations"/> shows (a fresh list, no crash).</summary>
    public static async Task<List<string>> ReferenceAsync(IEnumerable<Operation> operations)
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        foreach (var operation in operations)
        {
            await ApplyAsync(list, operation);
        }

        return Observe(list);
    }

    private static ListEntryInput[] Entries(Random random, string party, int count)
    {
        var handles = Enumerable.Range(0, 8).OrderBy(_ => random.Next()).Take(count).ToArray();
        return [.. handles.Select(h => new ListEntryInput(HandleOf(party, h), 0, ListTestBed.Today.AddDays(365),
            ListTestBed.Tokens([.. Enumerable.Range(0, random.Next(1, 3)).Select(k => (k, random.Next(6)))])))];
    }

    private static byte[] HandleOf(string party, int n) => ListTestBed.Handle((Array.IndexOf(ListTestBed.Contributors, party) * 100) + n);
}
