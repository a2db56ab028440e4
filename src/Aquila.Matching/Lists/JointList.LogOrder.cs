using System.Collections.Concurrent;

namespace Aquila.Matching.Lists;

// Records reach the state in log order although their appends complete on different threads: the log commits in
// groups (one flush for every record queued meanwhile), so query hits no longer wait one flush each behind a gate.
// A record is queued here in the order of its LSN; whoever's append completes first applies every record queued
// before its own (they are in the same or an earlier group, so durable too), then its own. A replay after a restart
// therefore gives the same state and the same event sequences. The log's faults are permanent, so no record after a
// failed one is ever acknowledged, and a failed record is never applied.
public sealed partial class JointList
{
    private readonly Lock _appendOrder = new();
    private readonly ConcurrentQueue<LoggedRecord> _unapplied = new();

    private async Task<LoggedRecord> AppendAndApplyAsync(LoggedRecord record)
    {
        ValueTask<long> append;
        lock (_appendOrder)
        {
            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
            append = _log.AppendAsync(record.Type, record.Payload, CancellationToken.None);

            // Refused before it was given an LSN (too large, log unusable): the await below throws; it must not be queued.
            if (append.IsCompletedSuccessfully || !append.IsCompleted)
            {
                _unapplied.Enqueue(record);
            }
        }

        record.Lsn = await append.ConfigureAwait(false);
        lock (_state)
        {
            while (!record.Applied && _unapplied.TryDequeue(out var next))
            {
                next.Changed = next.Change is { } change ? _list.Apply(change) : default;
                if (next.QueryHits is { } hits)
                {
                    _list.Apply(hits);
                }

                next.Applied = true;
            }

            SignalGrown();
        }

        return record;
    }

    private sealed class LoggedRecord(byte type, byte[] payload, ListChange? change, QueryHitsRecord? queryHits)
    {
        public byte Type { get; } = type;

        public byte[] Payload { get; } = payload;

        public ListChange? Change { get; } = change;

        public QueryHitsRecord? QueryHits { get; } = queryHits;

        public long Lsn { get; set; }

        // Set under the state lock by whichever thread applied the record.
        public bool Applied { get; set; }

        public (int Added, int Removed, int Events) Changed { get; set; }
    }
}
