using System.Buffers.Binary;

namespace Aquila.Matching.Index;

/// <summary>
/// A hit's identifier: the first 16 bytes of SHA-256 over the project and the ordered pair of (party code, handle)
/// (see <see cref="HitIdentity"/>). The same whichever party submitted first and on every replay; safe to log.
/// </summary>
public readonly record struct HitId
{
    /// <summary>Size of a hit id in bytes.</summary>
    public const int Size = 16;

    private readonly ulong _high;
    private readonly ulong _low;

    private HitId(ulong high, ulong low)
    {
        _high = high;
        _low = low;
    }

    /// <summary>Reads a hit id from exactly 16 bytes.</summary>
    public static HitId Read(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size)
        {
            throw new ArgumentException($"A hit id is {Size} bytes; got {bytes.Length}.", nameof(bytes));
        }

        return new HitId(BinaryPrimitives.ReadUInt64BigEndian(bytes), BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]));
    }

    /// <summary>Writes the 16 bytes of the id to <paramref name="destination"/>.</summary>
    public void WriteTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _high);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..Size], _low);
    }

    /// <summary>The id as 32 lower-case hex digits.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Size];
        WriteTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
