using System.Buffers.Binary;
using System.Text;

namespace Aquila.Coordination.Tests.Audit;

/// <summary>
/// A decoder written from the format table in docs/audit-chain.md, independent of the encoder: if every encoding decodes
/// back to the fields it came from, the encoding is injective.
/// </summary>
internal static class CanonicalReader
{
    public sealed record Fields(
        long Sequence, long TimestampMs, string Kind, string Actor, string? ProjectId, string? Subject, List<KeyValuePair<string, string>> Details);

    public static Fields Decode(byte[] bytes)
    {
        var span = bytes.AsSpan();
        if (!span.StartsWith("AQAUDIT"u8) || span[7] != 1)
        {
            throw new FormatException("bad magic or version");
        }

        var offset = 8;
        var sequence = BinaryPrimitives.ReadInt64BigEndian(span[offset..]);
        var timestamp = BinaryPrimitives.ReadInt64BigEndian(span[(offset + 8)..]);
        offset += 16;
        var kind = ReadString(span, ref offset);
        var actor = ReadString(span, ref offset);
        var project = ReadOptional(span, ref offset);
        var subject = ReadOptional(span, ref offset);
        var count = BinaryPrimitives.ReadUInt32BigEndian(span[offset..]);
        offset += 4;
        var details = new List<KeyValuePair<string, string>>();
        for (var i = 0; i < count; i++)
        {
            var key = ReadString(span, ref offset);
            details.Add(new(key, ReadString(span, ref offset)));
        }

        if (offset != bytes.Length)
        {
            throw new FormatException("trailing bytes");
        }

        return new Fields(sequence, timestamp, kind, actor, project, subject, details);
    }

    private static string? ReadOptional(ReadOnlySpan<byte> span, ref int offset) => span[offset++] switch
    {
        0 => null,
        1 => ReadString(span, ref offset),
        _ => throw new FormatException("bad presence flag"),
    };

    private static string ReadString(ReadOnlySpan<byte> span, ref int offset)
    {
        var length = (int)BinaryPrimitives.ReadUInt32BigEndian(span[offset..]);
        var text = new UTF8Encoding(false, true).GetString(span.Slice(offset + 4, length));
        offset += 4 + length;
        return text;
    }
}
