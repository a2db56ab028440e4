using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Audit;

// The single writer: takes every append queued since the last commit, writes them in one transaction, commits (one
// fsync), then completes them all. Appends that arrive during a commit form the next group. A queue item holds one
// entry (AppendAsync) or several (AppendManyAsync, one lock and one wake-up for a bulk check's chunk); an item's entries
// are never split across transactions, so a group may exceed the batch size by the last item's entries.
public sealed partial class AuditChain
{
    // The writer's two statements, prepared once and kept for every group (SQLite parsed and planned both for each group
    // before); only the writer touches them. The insert runs inside the group's transaction (same connection). Dropped after a failed group, so the next one starts from fresh statements.
    private AuditRowInsert? _insert;
    private SqliteCommand? _readHead;

    private async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAppend>(Math.Min(_maxBatchSize, 1024));
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var entries = 0;
            while (entries < _maxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
                entries += pending.Count;
            }

            Commit(batch, entries);
            batch.Clear();
        }
    }

    private void Commit(List<PendingAppend> batch, int entries)
    {
        AuditHead head;
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            head = ReadHeadForWrite(transaction, out var lastTimestampMs);

            // One timestamp per group, never earlier than the entry before (a clock stepping back does not reorder time).
            var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(
                Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), lastTimestampMs));
            var insert = _insert ??= AuditRowInsert.Prepare(_connection);
            foreach (var pending in batch)
            {
                // A later item of a series whose earlier item failed is not written (AuditSeries).
                if (pending.Series is { HasFailed: true })
                {
                    pending.Skipped = true;
                    continue;
                }

                for (var i = 0; i < pending.Count; i++)
                {
                    var e = pending.Event(i);
                    var entry = new AuditEntry(
                        head.Sequence + 1, timestamp, e.Kind, e.Actor, e.ProjectId, e.Subject, e.Details, head.Hash, default);
                    entry = entry with { Hash = AuditEntryEncoding.ComputeHash(entry) };
                    insert.Insert(entry);
                    pending.Receipt(i, entry.Receipt);
                    head = entry.Head;
                }
            }

            transaction.Commit();
        }
        catch (Exception ex)
        {
            DisposeWriterCommands();
            // Nothing of the group is in the chain (the transaction rolled back): every appender learns it failed.
            CoordinationLog.AuditAppendFailed(_logger, ex, entries);
            Telemetry.AuditMetrics.AppendFailed(entries);
            var error = ex as AuditChainException
                ?? new AuditChainException($"Appending {entries} entries to the audit chain {_path} failed: {ex.Message}", ex);
            foreach (var pending in batch)
            {
                pending.Series?.Fail();
                pending.Fail(error);
            }

            return;
        }

        lock (_headLock)
        {
            _head = head;
        }

        Interlocked.Increment(ref _transactionCount);
        Telemetry.AuditMetrics.TransactionCommitted();
        CoordinationLog.AuditBatchCommitted(_logger, entries, head.Sequence);
        foreach (var pending in batch)
        {
            if (pending.Skipped)
            {
                Telemetry.AuditMetrics.AppendFailed(pending.Count);
                pending.Fail(new AuditChainException(
                    $"{pending.Count} entries were not appended to the audit chain {_path}: an earlier append of the same series was not committed."));
                continue;
            }

            for (var i = 0; i < pending.Count; i++)
            {
                Telemetry.AuditMetrics.Committed(pending.Event(i));
            }

            pending.Complete();
        }
    }

    // The head as the database has it, inside the write transaction: if another process appended, we continue its chain
    // instead of forking it.
    private AuditHead ReadHeadForWrite(SqliteTransaction transaction, out long lastTimestampMs)
    {
        if (_readHead is null)
        {
            _readHead = _connection.CreateCommand();
            _readHead.Transaction = transaction;
            _readHead.CommandText = "SELECT sequence, timestamp_ms, hash FROM audit_entries ORDER BY sequence DESC LIMIT 1";
            _readHead.Prepare();
        }

        _readHead.Transaction = transaction;
        using var reader = _readHead.ExecuteReader();
        if (!reader.Read())
        {
            lastTimestampMs = long.MinValue;
            return AuditHead.Empty;
        }

        if (reader.GetValue(0) is not long sequence || reader.GetValue(1) is not long timestampMs
            || reader.GetValue(2) is not byte[] { Length: AuditHash.Length } hash)
        {
            throw new AuditChainException(
                $"The last entry of the audit chain {_path} is damaged; run `aquila audit verify` on the database.");
        }

        lastTimestampMs = timestampMs;
        var head = new AuditHead(sequence, AuditHash.FromBytes(hash));
        var known = Head;
        if (head != known)
        {
            CoordinationLog.AuditHeadMovedElsewhere(_logger, known.Sequence, head.Sequence);
        }

        return head;
    }

    // Only once the writer has stopped (or on the writer, after a failed group).
    private void DisposeWriterCommands()
    {
        _insert?.Dispose();
        _insert = null;
        _readHead?.Dispose();
        _readHead = null;
    }

    // A queue item: its entries' receipts are filled in during the transaction and handed out only after the commit.
    private abstract class PendingAppend
    {
        public abstract int Count { get; }

        // The series the item belongs to, if any; Skipped is set by the writer when the series was broken before the item.
        public virtual AuditSeries? Series => null;

        public bool Skipped { get; set; }

        public abstract AuditEvent Event(int index);

        public abstract void Receipt(int index, AuditReceipt receipt);

        public abstract void Complete();

        public abstract void Fail(Exception error);
    }

    private sealed class PendingSingle(AuditEvent auditEvent) : PendingAppend
    {
        private AuditReceipt _receipt;

        public TaskCompletionSource<AuditReceipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override int Count => 1;

        public override AuditEvent Event(int index) => auditEvent;

        public override void Receipt(int index, AuditReceipt receipt) => _receipt = receipt;

        public override void Complete() => Completion.TrySetResult(_receipt);

        public override void Fail(Exception error) => Completion.TrySetException(error);
    }

    private sealed class PendingMany(AuditEvent[] events, AuditSeries? series) : PendingAppend
    {
        private readonly AuditReceipt[] _receipts = new AuditReceipt[events.Length];

        public override AuditSeries? Series => series;

        public TaskCompletionSource<IReadOnlyList<AuditReceipt>> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override int Count => events.Length;

        public override AuditEvent Event(int index) => events[index];

        public override void Receipt(int index, AuditReceipt receipt) => _receipts[index] = receipt;

        public override void Complete() => Completion.TrySetResult(_receipts);

        public override void Fail(Exception error) => Completion.TrySetException(error);
    }
}
