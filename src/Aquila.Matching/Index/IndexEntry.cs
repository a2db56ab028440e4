using System.Runtime.InteropServices;

namespace Aquila.Matching.Index;

/// <summary>
/// One distinct (key index, re-keyed token) of a <see cref="TokenIndex"/>: 28 bytes, stored in large chunks.
/// The common case, a token held by a single record, keeps its posting inline; anything more lives in the
/// <see cref="PostingPool"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct IndexEntry
{
    public const int HasInlineFlag = 1 << 16;

    public ulong Low;
    public ulong High;

    /// <summary>Bits 0-7 key index, bits 8-15 party of the inline posting, bit 16 inline posting present.</summary>
    public int Meta;

    /// <summary>Record ordinal of the inline posting.</summary>
    public int InlineOrdinal;

    /// <summary>First party group in the posting pool, 0 when none.</summary>
    public int FirstGroup;

    public readonly byte KeyIndex => (byte)Meta;

    public readonly bool HasInline => (Meta & HasInlineFlag) != 0;

    public readonly int InlineParty => (Meta >> 8) & 0xFF;

    public void SetInline(int party, int ordinal)
    {
        Meta = (Meta & 0xFF) | (party << 8) | HasInlineFlag;
        InlineOrdinal = ordinal;
    }

    public void ClearInline()
    {
        Meta &= 0xFF;
        InlineOrdinal = 0;
    }
}
