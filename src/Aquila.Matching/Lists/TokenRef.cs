using System.Buffers.Binary;
using Aquila.Matching.Index;

namespace Aquila.Matching.Lists;

/// <summary>A posting key: key index and re-keyed token.</summary>
/// <remarks>Two <see cref="ulong"/>s rather than a 16-byte aligned <see cref="UInt128"/>: 24 bytes instead of 32.</remarks>
internal readonly record struct TokenRef
{
    private readonly ulong _high;
    private readonly ulong _low;

    /// <summary>The token entry at <paramref name="at"/> in <paramref name="entries"/> (a key index byte and 16 token bytes).</summary>
    public TokenRef(ReadOnlySpan<byte> entries, int at)
    {
        KeyIndex = entries[at];
        _high = BinaryPrimitives.ReadUInt64BigEndian(entries.Slice(at + 1, TokenRekeyer.TokenSize / 2));
        _low = BinaryPrimitives.ReadUInt64BigEndian(entries.Slice(at + 1 + (TokenRekeyer.TokenSize / 2), TokenRekeyer.TokenSize / 2));
    }

    public byte KeyIndex { get; }
}
