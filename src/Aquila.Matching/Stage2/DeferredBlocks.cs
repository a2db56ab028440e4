using Aquila.Matching.Index;

namespace Aquila.Matching.Stage2;

/// <summary>
/// The stage-2 part of one applied batch, waiting for the project's stage-2 worker: the party, each record's ordinal
/// (resolved when the batch was applied, since the handle table keeps growing meanwhile) and a copy of the block
/// entries (the batch's own buffer is reused for the next batch).
/// </summary>
internal sealed class DeferredBlocks
{
    private DeferredBlocks(int party, int[] ordinals, TokenBatch blocks, long queuedAt)
    {
        Party = party;
        Ordinals = ordinals;
        Blocks = blocks;
        QueuedAt = queuedAt;
    }

    public int Party { get; }

    /// <summary>Record i's ordinal in the party's handle table.</summary>
    public int[] Ordinals { get; }

    /// <summary>The records' block entries (handles too; no stage-1 tokens).</summary>
    public TokenBatch Blocks { get; }

    /// <summary>When it was queued (<see cref="System.Diagnostics.Stopwatch.GetTimestamp"/>).</summary>
    public long QueuedAt { get; }

    public int Records => Ordinals.Length;

    /// <summary>Copies the stage-2 part of <paramref name="batch"/>; the ordinals are read from <paramref name="handles"/> now.</summary>
    public static DeferredBlocks Copy(int party, TokenBatch batch, HandleTable handles, long queuedAt)
    {
        var ordinals = new int[batch.RecordCount];
        var blocks = new TokenBatch(batch.RecordCount, 1);
        blocks.CarryStage2(batch.VectorLength);
        for (var record = 0; record < batch.RecordCount; record++)
        {
            var handle = batch.GetHandle(record);
            ordinals[record] = handles.IndexOf(handle);
            blocks.AddRecord(handle);
            var range = batch.GetBlockRange(record);
            for (var entry = range.Start.Value; entry < range.End.Value; entry++)
            {
                blocks.AddBlock(batch.GetBlockIndex(entry), batch.GetBlockToken(entry), batch.GetVector(entry));
            }
        }

        return new DeferredBlocks(party, ordinals, blocks, queuedAt);
    }
}
