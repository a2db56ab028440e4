using System.Runtime.InteropServices;

namespace Aquila.Matching.Index;

/// <summary>
/// One distinct (key index, re-keyed token) of a <see cref="TokenIndex"/>: 18 bytes, stored in large chunks. The
/// token is kept as its first 8 bytes plus the low half of its mixed word (<see cref="TokenKey.Mix"/>); the high half
/// of that word is the fingerprint in the entry's bucket, so entry and bucket together hold all 128 bits and no two
/// tokens share all three fields. The common case, a token held by a single record, keeps its posting inline;
/// anything more lives in the <see cref="PostingPool"/>.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 2)]
internal struct IndexEntry
{
    private const int NoPostings = -1;

    /// <summary>Bytes 0-7 of the token, little-endian.</summary>
    public ulong Low;

    /// <summary>The low 32 bits of the token's mixed word; the high 32 are the bucket's fingerprint.</summary>
    public uint MixLow;

    /// <summary>At least 0: the ordinal of the single inline posting; -1: no posting; below -1: the complement of the first party group.</summary>
    public int Postings;

    /// <summary>The token's key index in the project schema.</summary>
    public byte KeyIndex;

    /// <summary>The party of the inline posting (meaningless without one).</summary>
    public byte InlineParty;

    public readonly bool HasInline => Postings >= 0;

    public readonly int InlineOrdinal => Postings;

    /// <summary>First party group in the posting pool, 0 when none (always 0 while a posting is inline).</summary>
    public int FirstGroup
    {
        readonly get => Postings < NoPostings ? ~Postings : 0;
        set => Postings = value == 0 ? NoPostings : ~value;
    }

    public void Initialize(byte keyIndex, ulong low, uint mixLow)
    {
        Low = low;
        MixLow = mixLow;
        KeyIndex = keyIndex;
        InlineParty = 0;
        Postings = NoPostings;
    }

    public void SetInline(int party, int ordinal)
    {
        InlineParty = (byte)party;
        Postings = ordinal;
    }

    public void ClearInline()
    {
        InlineParty = 0;
        Postings = NoPostings;
    }
}
