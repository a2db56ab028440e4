using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

/// <summary>A decoded batch record: the receipt fields, plus the offsets of the columns inside the payload.</summary>
internal readonly struct BatchRecord
{
    public required string Party { get; init; }

    public required byte[] BatchId { get; init; }

    public required byte[] ContentHash { get; init; }

    public required DateTimeOffset AcceptedAt { get; init; }

    public required int RecordCount { get; init; }

    public required int TokenCount { get; init; }

    public required ReadOnlyMemory<byte> Payload { get; init; }

    public required int HandlesOffset { get; init; }

    /// <summary>Bytes of one comparison vector; 0 when the record carries no stage 2 (format version 1).</summary>
    public int VectorLength { get; init; }

    /// <summary>Stage-2 block entries over all records.</summary>
    public int BlockCount { get; init; }

    /// <summary>Offset of the stage-2 part inside the payload (its vector length field).</summary>
    public int Stage2Offset { get; init; }

    /// <summary>Fills <paramref name="batch"/> (cleared first) with the record's handles and re-keyed tokens.</summary>
    public void FillBatch(TokenBatch batch)
    {
        batch.Clear();
        var span = Payload.Span;
        var handles = span.Slice(HandlesOffset, RecordCount * RecordHandle.Size);
        var ends = span.Slice(HandlesOffset + handles.Length, RecordCount * sizeof(uint));
        var keyIndexes = span.Slice(HandlesOffset + handles.Length + ends.Length, TokenCount);
        var tokens = span.Slice(HandlesOffset + handles.Length + ends.Length + keyIndexes.Length, TokenCount * TokenRekeyer.TokenSize);
        var token = 0;
        if (VectorLength > 0)
        {
            // The block tokens in the log are re-keyed: the batch takes them as they are (the index keys them so).
            batch.CarryStage2(VectorLength);
        }

        var blockEnds = VectorLength == 0 ? default : span.Slice(Stage2Offset + 6, RecordCount * sizeof(uint));
        var blockIndexes = VectorLength == 0 ? default : span.Slice(Stage2Offset + 6 + blockEnds.Length, BlockCount);
        var blockTokens = VectorLength == 0 ? default
            : span.Slice(Stage2Offset + 6 + blockEnds.Length + BlockCount, BlockCount * TokenRekeyer.TokenSize);
        var vectors = VectorLength == 0 ? default
            : span.Slice(Stage2Offset + 6 + blockEnds.Length + (BlockCount * (1 + TokenRekeyer.TokenSize)), BlockCount * VectorLength);
        var block = 0;
        for (var record = 0; record < RecordCount; record++)
        {
            batch.AddRecord(handles.Slice(record * RecordHandle.Size, RecordHandle.Size));
            var end = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(ends[(record * sizeof(uint))..]);
            for (; token < end; token++)
            {
                batch.AddToken(keyIndexes[token], tokens.Slice(token * TokenRekeyer.TokenSize, TokenRekeyer.TokenSize));
            }

            if (VectorLength == 0)
            {
                continue;
            }

            var blockEnd = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(blockEnds[(record * sizeof(uint))..]);
            for (; block < blockEnd; block++)
            {
                batch.AddBlock(blockIndexes[block], blockTokens.Slice(block * TokenRekeyer.TokenSize, TokenRekeyer.TokenSize),
                    vectors.Slice(block * VectorLength, VectorLength));
            }
        }
    }
}
