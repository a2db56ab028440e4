using Aquila.Matching.Index;
using Aquila.Matching.Projects;

namespace Aquila.Matching.Tests.Projects;

/// <summary>
/// Issue 16: a batch whose records have no stage-1 key carries no token, only stage-2 block entries; its log record
/// (version 2) replays; a record with neither tokens nor blocks is still refused.
/// </summary>
public sealed class BatchRecordCodecStage2OnlyTests
{
    private static readonly byte[] ServerKey = [.. Enumerable.Range(7, 16).Select(i => (byte)i)];

    private static TokenBatch Batch(int blocksPerRecord)
    {
        var batch = new TokenBatch();
        batch.CarryStage2(vectorLength: 6);
        for (var r = 0; r < 3; r++)
        {
            batch.AddRecord([.. Enumerable.Range(r * 16, 16).Select(i => (byte)i)]);
            for (var b = 0; b < blocksPerRecord; b++)
            {
                batch.AddBlock((byte)b, [.. Enumerable.Range(r + b, 16).Select(i => (byte)(i * 5))], [1, 2, 3, 4, 5, (byte)r]);
            }
        }

        return batch;
    }

    private static byte[] Encode(TokenBatch batch, TokenRekeyer rekeyer, bool stage2)
    {
        var payload = new byte[BatchRecordCodec.EncodedLength(2, batch, stage2)];
        BatchRecordCodec.Encode(payload, "ME", new byte[16], new byte[32], DateTimeOffset.UnixEpoch, batch, rekeyer, stage2);
        return payload;
    }

    [Fact]
    public void A_batch_with_block_entries_and_no_token_decodes_with_its_records_and_blocks()
    {
        using var rekeyer = new TokenRekeyer(ServerKey);
        var batch = Batch(blocksPerRecord: 2);

        var record = BatchRecordCodec.Decode(Encode(batch, rekeyer, stage2: true));
        var decoded = new TokenBatch();
        record.FillBatch(decoded);

        Assert.Equal(3, record.RecordCount);
        Assert.Equal(0, record.TokenCount);
        Assert.Equal(6, record.BlockCount);
        Assert.Equal(3, decoded.RecordCount);
        Assert.Equal(0, decoded.TokenCount);
        Assert.Equal(6, decoded.BlockCount);
        Assert.Equal(batch.GetBlockRange(2), decoded.GetBlockRange(2));
        Assert.Equal(batch.GetVector(5).ToArray(), decoded.GetVector(5).ToArray());
    }

    [Fact]
    public void A_record_with_neither_tokens_nor_block_entries_is_refused_in_either_version()
    {
        using var rekeyer = new TokenRekeyer(ServerKey);

        Assert.Throws<InvalidDataException>(() => BatchRecordCodec.Decode(Encode(Batch(blocksPerRecord: 0), rekeyer, stage2: true)));
        Assert.Throws<InvalidDataException>(() => BatchRecordCodec.Decode(Encode(Batch(blocksPerRecord: 2), rekeyer, stage2: false)));
    }
}
