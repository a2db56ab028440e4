namespace Aquila.Matching.Lists;

// Logging a query's hits in order, shared by QueryAsync (one person) and QueryManyAsync (a bulk check's persons): the
// lookup must hold with the record's place in the log taken at the same moment, once every change ordered before it is
// applied, so the log (and a replay after a restart) holds exactly what was answered, in an order the state went
// through. The lookups are structs behind a generic constraint, so the single-query path allocates nothing for this.
public sealed partial class JointList
{
    // What TryLogHits needs of a query's lookups.
    private interface IHitLookup
    {
        // True when some person still hits.
        bool AnyHit { get; }

        // Under the state lock: looks every person up again (a change was applied since the last lookup).
        void LookUpAgain(JointList list);

        // The record of the hits (and each person's answer, kept by the lookup).
        QueryHitsRecord HitsRecord(JointList list);
    }

    // One step: while a change has its place in the log but is not applied yet, returns it to wait for (then call again).
    // Otherwise returns null, having looked up again if a change was applied since lookedUpAt, and — when anything still
    // hits — given the hits record its place in the log (record and its append); record is null when nothing hits now.
    private Task? TryLogHits<TLookup>(ref TLookup lookup, long lookedUpAt, out LoggedRecord? record, out ValueTask<long> append)
        where TLookup : struct, IHitLookup
    {
        lock (_appendOrder)
        {
            if (_pendingChange is { Task.IsCompleted: false } change)
            {
                record = null;
                append = default;
                return change.Task;
            }

            lock (_state)
            {
                // Entries change only with changes: without one applied since, the first lookup stands.
                if (_changesApplied != lookedUpAt)
                {
                    lookup.LookUpAgain(this);
                }
            }

            if (!lookup.AnyHit)
            {
                record = null;
                append = default;
                return null;
            }

            var hits = lookup.HitsRecord(this);
            record = new LoggedRecord(ListRecordType.QueryHits, ListRecordCodec.EncodeQueryHits(hits), null, hits);
            append = Enqueue(record);
            return null;
        }
    }

    // One person's lookup (QueryAsync); its re-keyed tokens stay in the caller's rented buffer. The evidence is encoded
    // only for a hits record.
    private struct PersonLookup<TState>(string querier, string caseReference, byte[] rekeyed, int length, int day,
        Func<TState, byte[]> evidence, TState state, Dictionary<EntryKey, ulong>? found) : IHitLookup
    {
        public List<ListQueryHit>? Answer { get; private set; }

        public readonly bool AnyHit => found is not null;

        public void LookUpAgain(JointList list) => found = list._list.Lookup(querier, rekeyed.AsSpan(0, length), day);

        public QueryHitsRecord HitsRecord(JointList list)
        {
            var record = list.HitsOf(querier, caseReference, found!, evidence(state), out var answer);
            Answer = answer;
            return record;
        }
    }

    // A bulk check's lookups (QueryManyAsync): each person's answer goes into outcomes.
    private readonly struct PersonsLookup(string querier, string caseReference, byte[] rekeyed, int[] offsets, int day,
        ReadOnlyMemory<byte> evidence, ListQueryOutcome?[] outcomes, Dictionary<EntryKey, ulong>?[] found) : IHitLookup
    {
        public bool AnyHit => JointList.AnyHit(found);

        public void LookUpAgain(JointList list) => list.LookUp(querier, rekeyed, offsets, outcomes, found, day);

        public QueryHitsRecord HitsRecord(JointList list) => list.ManyHitsOf(querier, caseReference, found, evidence, outcomes);
    }
}
