using System.Buffers;
using System.Buffers.Binary;
using Aquila.Matching.Index;

namespace Aquila.Matching.Lists;

// Bulk checks: many persons asked by one party under one case and one signed call. Each person is looked up as a single
// query is (QueryAsync), but the hits of all of them go into ONE logged record (they share querier, case reference and
// evidence), so a chunk of a thousand persons costs one log record and one group commit instead of one per person hit.
public sealed partial class JointList
{
    /// <summary>
    /// Answers several queries by <paramref name="querier"/> under one case reference, each as <see cref="QueryAsync"/>
    /// would, in order. The hits of all of them are logged (and the contributors notified) in one record before the
    /// answers are returned. A person whose tokens are malformed gets its problem and is not looked up.
    /// </summary>
    /// <param name="querier">The querying party (from its certificate).</param>
    /// <param name="caseReference">The querying party's case reference (1–128 UTF-8 bytes).</param>
    /// <param name="persons">Per person its token entries (key index byte and 16 token bytes each).</param>
    /// <param name="evidence">The call as its node signed it, kept with the hits for the contributors (opaque here).</param>
    public async Task<IReadOnlyList<ListQueryOutcome>> QueryManyAsync(string querier, string caseReference,
        IReadOnlyList<ReadOnlyMemory<byte>> persons, ReadOnlyMemory<byte> evidence)
    {
        ArgumentNullException.ThrowIfNull(querier);
        ArgumentNullException.ThrowIfNull(caseReference);
        ArgumentNullException.ThrowIfNull(persons);
        var outcomes = new ListQueryOutcome[persons.Count];
        var offsets = new int[persons.Count + 1];
        for (var i = 0; i < persons.Count; i++)
        {
            offsets[i + 1] = offsets[i] + persons[i].Length;
        }

        var length = offsets[^1];
        var rented = ArrayPool<byte>.Shared.Rent(Math.Max(length, 1));
        var found = new Dictionary<EntryKey, ulong>?[persons.Count];
        LoggedRecord? record;
        ValueTask<long> append;
        try
        {
            for (var i = 0; i < persons.Count; i++)
            {
                if (CheckQuery(caseReference, persons[i].Span) is { } problem)
                {
                    outcomes[i] = new ListQueryOutcome([], problem);
                    continue;
                }

                Rekey(persons[i].Span, rented.AsSpan(offsets[i], persons[i].Length));
            }

            var day = ListState.DayOf(_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());
            long lookedUpAt;
            lock (_state)
            {
                LookUp(querier, rented, offsets, outcomes, found, day);
                lookedUpAt = _changesApplied;
            }

            if (!AnyHit(found))
            {
                return NoHits(outcomes);
            }

            // As in QueryAsync: the hits are logged with their place in the log taken at the same moment as a lookup that holds.
            var lookup = new PersonsLookup(querier, caseReference, rented, offsets, day, evidence, outcomes, found);
            while (TryLogHits(ref lookup, lookedUpAt, out record, out append) is { } pending)
            {
                await pending.ConfigureAwait(false);
            }

            if (record is null)
            {
                return NoHits(outcomes);
            }
        }
        finally
        {
            // Re-keyed tokens must not linger in pooled memory.
            Array.Clear(rented, 0, length);
            ArrayPool<byte>.Shared.Return(rented);
        }

        await ApplyInOrderAsync(record, append).ConfigureAwait(false);
        return NoHits(outcomes);
    }

    // Under the state lock: the entries each well-formed person hits.
    private void LookUp(string querier, byte[] rekeyed, int[] offsets, ListQueryOutcome?[] outcomes, Dictionary<EntryKey, ulong>?[] found, int day)
    {
        for (var i = 0; i < found.Length; i++)
        {
            found[i] = outcomes[i] is null ? _list.Lookup(querier, rekeyed.AsSpan(offsets[i], offsets[i + 1] - offsets[i]), day) : null;
        }
    }

    private static bool AnyHit(Dictionary<EntryKey, ulong>?[] found)
    {
        foreach (var hits in found)
        {
            if (hits is { Count: > 0 })
            {
                return true;
            }
        }

        return false;
    }

    // Every person not answered yet (no problem, no hit) is a no-hit.
    private static ListQueryOutcome[] NoHits(ListQueryOutcome?[] outcomes)
    {
        var answers = new ListQueryOutcome[outcomes.Length];
        for (var i = 0; i < outcomes.Length; i++)
        {
            answers[i] = outcomes[i] ?? ListQueryOutcome.NoHit;
        }

        return answers;
    }

    // One record for the hits of every person; each person's answer (best band first, then by contributor) in outcomes.
    private QueryHitsRecord ManyHitsOf(string querier, string caseReference, Dictionary<EntryKey, ulong>?[] found, ReadOnlyMemory<byte> evidence,
        ListQueryOutcome?[] outcomes)
    {
        var hits = new List<QueryHitRecord>();
        Span<byte> handle = stackalloc byte[RecordHandle.Size];
        for (var i = 0; i < found.Length; i++)
        {
            if (found[i] is not { Count: > 0 } entries)
            {
                continue;
            }

            var answer = new List<ListQueryHit>(entries.Count);
            foreach (var (key, mask) in entries)
            {
                var contributor = Definition.Contributors[key.Contributor];
                BinaryPrimitives.WriteUInt128BigEndian(handle, key.Handle);
                var hitId = QueryHitIdentity.Compute(Definition.ProjectId, querier, caseReference, contributor, handle);
                hits.Add(new QueryHitRecord((byte)key.Contributor, key.Handle, hitId, mask));
                answer.Add(new ListQueryHit(hitId, contributor, _list.Schema.BestBand(mask), _list.Schema.KeyIds(mask)));
            }

            answer.Sort(static (a, b) => b.Band != a.Band ? b.Band.CompareTo(a.Band) : string.CompareOrdinal(a.Contributor, b.Contributor));
            outcomes[i] = new ListQueryOutcome(answer, null);
        }

        return new QueryHitsRecord(_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(), querier, caseReference, hits, evidence.ToArray());
    }
}
