using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using FsCheck.Xunit;

namespace Aquila.Matching.Tests.Projects;

public sealed class BatchRecordCodecProperties
{
    private static readonly byte[] ServerKey = [.. Enumerable.Range(7, 16).Select(i => (byte)i)];

    // Records with the given token counts (0 to 4 each), random handles, key indexes and tokens.
    private static TokenBatch RandomBatch(byte[] tokensPerRecord, int seed)
    {
        var random = new Random(seed);
        var batch = new TokenBatch(recordCapacity: 1, tokenCapacity: 1);
        var shape = tokensPerRecord is { Length: > 0 } ? tokensPerRecord : [1];
        foreach (var count in shape)
        {
            var handle = new byte[16];
            random.NextBytes(handle);
            batch.AddRecord(handle);
            for (var t = 0; t < count % 5; t++)
            {
                var token = new byte[16];
                random.NextBytes(token);
                batch.AddToken((byte)random.Next(64), token);
            }
        }

        if (batch.TokenCount == 0)
        {
            batch.AddToken(0, new byte[16]);
        }

        return batch;
    }

    private static byte[] Encode(TokenBatch batch, string party, byte[] batchId, byte[] contentHash, DateTimeOffset at, TokenRekeyer rekeyer)
    {
        var payload = new byte[BatchRecordCodec.EncodedLength(party.Length, batch.RecordCount, batch.TokenCount)];
        var written = BatchRecordCodec.Encode(payload, party, batchId, contentHash, at, batch, rekeyer);
        return written == payload.Length ? payload : throw new InvalidOperationException("Encoded length differs from the computed one.");
    }

    [Property]
    public bool A_batch_record_decodes_to_the_same_receipt_fields_handles_ranges_and_rekeyed_tokens(byte[] tokensPerRecord, int seed, uint millis)
    {
        using var rekeyer = new TokenRekeyer(ServerKey);
        var batch = RandomBatch(tokensPerRecord, seed);
        byte[] batchId = [.. Enumerable.Range(0, 16).Select(i => (byte)(seed + i))];
        byte[] contentHash = [.. Enumerable.Range(0, 32).Select(i => (byte)(i * 3))];
        var at = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000 + millis);

        var record = BatchRecordCodec.Decode(Encode(batch, "MK", batchId, contentHash, at, rekeyer));
        var decoded = new TokenBatch();
        record.FillBatch(decoded);

        var same = record.Party == "MK" && record.BatchId.AsSpan().SequenceEqual(batchId) && record.ContentHash.AsSpan().SequenceEqual(contentHash)
            && record.AcceptedAt == at && record.RecordCount == batch.RecordCount && record.TokenCount == batch.TokenCount
            && decoded.RecordCount == batch.RecordCount && decoded.TokenCount == batch.TokenCount;
        for (var r = 0; same && r < batch.RecordCount; r++)
        {
            same = decoded.GetHandle(r).SequenceEqual(batch.GetHandle(r)) && decoded.GetTokenRange(r).Equals(batch.GetTokenRange(r));
        }

        var expected = new byte[16];
        for (var t = 0; same && t < batch.TokenCount; t++)
        {
            rekeyer.Rekey(batch.GetToken(t), expected);
            same = decoded.GetKeyIndex(t) == batch.GetKeyIndex(t) && decoded.GetToken(t).SequenceEqual(expected);
        }

        return same;
    }

    [Property]
    public bool A_batch_record_cut_short_or_padded_is_rejected(byte[] tokensPerRecord, int seed, int cut)
    {
        using var rekeyer = new TokenRekeyer(ServerKey);
        var payload = Encode(RandomBatch(tokensPerRecord, seed), "RS", new byte[16], new byte[32], DateTimeOffset.UnixEpoch, rekeyer);
        var length = (int)((uint)cut % (uint)(payload.Length * 2));
        if (length == payload.Length)
        {
            length++;
        }

        var changed = new byte[length];
        payload.AsSpan(0, Math.Min(length, payload.Length)).CopyTo(changed);

        try
        {
            BatchRecordCodec.Decode(changed);
            return false;
        }
        catch (InvalidDataException)
        {
            return true;
        }
    }
}
