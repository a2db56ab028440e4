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
        for (var record = 0; record < RecordCount; record++)
        {
            batch.AddRecord(handles.Slice(record * RecordHandle.Size, RecordHandle.Size));
            var end = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(ends[(record * sizeof(uint))..]);
            for (; token < end; token++)
            {
                batch.AddToken(keyIndexes[token], tokens.Slice(token * TokenRekeyer.TokenSize, TokenRekeyer.TokenSize));
            }
        }
    }
}
