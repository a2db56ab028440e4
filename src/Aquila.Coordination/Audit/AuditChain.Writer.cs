using Microsoft.Data.Sqlite;

namespace Aquila.Coordination.Audit;

// The single writer: takes every append queued since the last commit, writes them in one transaction, commits (one
// fsync), then completes them all. Appends that arrive during a commit form the next group.
public sealed partial class AuditChain
{
    private async Task RunWriterAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<PendingAppend>(Math.Min(_maxBatchSize, 1024));
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            Commit(batch);
            batch.Clear();
        }
    }

    private void Commit(List<PendingAppend> batch)
    {
        var receipts = new AuditReceipt[batch.Count];
        AuditHead head;
        try
        {
            using var transaction = _connection.BeginTransaction(deferred: false);
            head = ReadHeadForWrite(transaction, out var lastTimestampMs);

            // One timestamp per group, never earlier than the entry before (a clock stepping back does not reorder time).
            var timestamp = DateTimeOffset.FromUnixTimeMilliseconds(
                Math.Max(_time.GetUtcNow().ToUnixTimeMilliseconds(), lastTimestampMs));
            using var insert = AuditRows.PrepareInsert(_connection, transaction);
            for (var i = 0; i < batch.Count; i++)
            {
                var e = batch[i].Event;
                var entry = new AuditEntry(
                    head.Sequence + 1, timestamp, e.Kind, e.Actor, e.ProjectId, e.Subject, e.Details, head.Hash, default);
                entry = entry with { Hash = AuditEntryEncoding.ComputeHash(entry) };
                AuditRows.Insert(insert, entry);
                receipts[i] = entry.Receipt;
                head = entry.Head;
            }

            transaction.Commit();
        }
        catch (Exception ex)
        {
            // Nothing of the group is in the chain (the transaction rolled back): every appender learns it failed.
            CoordinationLog.AuditAppendFailed(_logger, ex, batch.Count);
            Telemetry.AuditMetrics.AppendFailed(batch.Count);
            var error = ex as AuditChainException
                ?? new AuditChainException($"Appending {batch.Count} entries to the audit chain {_path} failed: {ex.Message}", ex);
            foreach (var pending in batch)
            {
                pending.Completion.TrySetException(error);
            }

            return;
        }

        lock (_headLock)
        {
            _head = head;
        }

        Interlocked.Increment(ref _transactionCount);
        CoordinationLog.AuditBatchCommitted(_logger, batch.Count, head.Sequence);
        for (var i = 0; i < batch.Count; i++)
        {
            Telemetry.AuditMetrics.Committed(batch[i].Event);
            batch[i].Completion.TrySetResult(receipts[i]);
        }
    }

    // The head as the database has it, inside the write transaction: if another process appended, we continue its chain
    // instead of forking it.
    private AuditHead ReadHeadForWrite(SqliteTransaction transaction, out long lastTimestampMs)
    {
        using var command = _connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT sequence, timestamp_ms, hash FROM audit_entries ORDER BY sequence DESC LIMIT 1";
        using var reader = command.ExecuteReader();
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

    private sealed class PendingAppend(AuditEvent auditEvent)
    {
        public AuditEvent Event { get; } = auditEvent;

        public TaskCompletionSource<AuditReceipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
