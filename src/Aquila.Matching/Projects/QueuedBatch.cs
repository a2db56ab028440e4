using Aquila.Matching.Storage;

namespace Aquila.Matching.Projects;

/// <summary>
/// A batch record given its place in the project's log and waiting to be applied: the encoded payload (plain, as the
/// log will replay it), its append, and once applied, what applying gave. Applied in log order by whichever submitter
/// gets there first.
/// </summary>
internal sealed class QueuedBatch(byte[] payload, int length, bool replacing, Task<long> append)
{
    private readonly TaskCompletionSource _settled = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The encoded record; empty once its submitter gave the buffer back (after it was applied or failed).</summary>
    public byte[] Payload { get; private set; } = payload;

    public int Length { get; } = length;

    public bool Replacing { get; } = replacing;

    /// <summary>Completes with the record's LSN once it is durable, or fails when its write failed (it is then not in the log).</summary>
    public Task<long> Append { get; } = append;

    /// <summary>The LSN it was applied at (0 until then).</summary>
    public long AppliedLsn { get; private set; }

    public BatchReceipt? Receipt { get; private set; }

    public WithdrawnDataSet? Withdrawn { get; private set; }

    public bool IsApplied => Receipt is not null;

    /// <summary>Completes once the batch is applied or will never be (its append failed).</summary>
    public Task Settled => _settled.Task;

    public void MarkApplied(long lsn, BatchReceipt receipt, WithdrawnDataSet? withdrawn)
    {
        AppliedLsn = lsn;
        Withdrawn = withdrawn;
        Receipt = receipt;
        _settled.TrySetResult();
    }

    public void MarkFailed() => _settled.TrySetResult();

    /// <summary>
    /// Clears the payload and gives it back (its submitter does, once the batch is applied or failed), dropping the
    /// reference so the last batch queued does not keep a large buffer alive.
    /// </summary>
    public void ReturnPayload()
    {
        RecordBuffers.ClearAndReturn(Payload, Length);
        Payload = [];
    }
}
