using System.Buffers.Binary;

namespace Aquila.Matching.Index;

/// <summary>
/// A party's opaque 16-byte record handle (random, fresh per project). Only the party that issued it can map it back
/// to a record. <see cref="ToString"/> does not print the bytes so a handle cannot slip into a log line by accident.
/// </summary>
public readonly record struct RecordHandle
{
    /// <summary>Size of a handle in bytes.</summary>
    public const int Size = 16;

    private readonly ulong _high;
    private readonly ulong _low;

    private RecordHandle(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>Reads a handle from exactly 16 bytes.</summary>
    public static RecordHandle Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A record handle is {Size} bytes; got {bytes.Length}.", nameof(bytes));
        }

        return new RecordHandle(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>Writes the 16 handle bytes to <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..Size], _low);
    }

    /// <summary>The handle bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Size];
        WriteTo(bytes);
        return bytes;
    }

    /// <summary>Deliberately redacted: handles are pseudonymous personal data and must not reach logs.</summary>
    public override string ToString() => "RecordHandle(redacted)";
}
