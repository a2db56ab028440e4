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

    // The change whose record has an LSN but is not applied yet (changes run one at a time): a query that found hits
    // waits for it, so its lookup sees every change ordered before its own record (see QueryAsync).
    private TaskCompletionSource? _pendingChange;

    // Changes applied to the state since opening (under the state lock): a query's lookup still holds while it is unchanged.
    private long _changesApplied;

    private async Task<LoggedRecord> AppendAndApplyAsync(LoggedRecord record)
    {
        ValueTask<long> append;
        lock (_appendOrder)
        {
            append = Enqueue(record);
        }

        return await ApplyInOrderAsync(record, append).ConfigureAwait(false);
    }

    // Under _appendOrder: gives the record its place in the log and in the apply queue.
    private ValueTask<long> Enqueue(LoggedRecord record)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed), this);
        var append = _log.AppendAsync(record.Type, record.Payload, CancellationToken.None);

        // Refused before it was given an LSN (too large, log unusable): the await below throws; it must not be queued.
        if (append.IsCompletedSuccessfully || !append.IsCompleted)
        {
            _unapplied.Enqueue(record);
            if (record.Change is not null)
            {
                _pendingChange = record.Applying;
            }
        }

        return append;
    }

    private async Task<LoggedRecord> ApplyInOrderAsync(LoggedRecord record, ValueTask<long> append)
    {
        try
        {
            record.Lsn = await append.ConfigureAwait(false);
        }
        catch
        {
            // The log is unusable from here on: nothing will be applied, so no query may wait for this record.
            record.Applying.TrySetResult();
            throw;
        }

        lock (_state)
        {
            while (!record.Applied && _unapplied.TryDequeue(out var next))
            {
                if (next.Change is { } change)
                {
                    next.Changed = _list.Apply(change);
                    _changesApplied++;
                }

                if (next.QueryHits is { } hits)
                {
                    _list.Apply(hits);
                }

                next.Applied = true;
                next.Applying.TrySetResult();
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

        public (int Added, int Reconfirmed, int Removed, int Events) Changed { get; set; }

        // Completed once the record is applied to the state (or its append failed).
        public TaskCompletionSource Applying { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
