namespace Aquila.Tokens.Comparison;

/// <summary>
/// Layout of a block-salted comparison vector (DESIGN §3, stage 2): for one record under one candidate block value,
/// keyed bigram Bloom fragments for the string fields and keyed tags for the exact ones, all under a salt that only
/// holders of K_project can compute. Two records that share the block value can be compared field by field; vectors of
/// different blocks share no comparable value.
/// </summary>
/// <remarks>
/// Bytes: 4 × 16-byte Bloom fragments (given, family, father, place) ‖ 8 × 4-byte tags (dob, day/month-swapped dob,
/// year, next year, month-day, sex, national id, document number) ‖ u16 big-endian presence mask (bit i = tag i
/// present; Bloom fragments are present when not all zero).
/// </remarks>
public static class ComparisonVector
{
    /// <summary>Bytes of one Bloom fragment (128 bits).</summary>
    public const int FragmentLength = 16;

    /// <summary>Number of Bloom fragments.</summary>
    public const int FragmentCount = 4;

    /// <summary>Bytes of one exact-value tag.</summary>
    public const int TagLength = 4;

    /// <summary>Number of tags.</summary>
    public const int TagCount = 8;

    /// <summary>Offset of the first tag.</summary>
    public const int TagsOffset = FragmentCount * FragmentLength;

    /// <summary>Offset of the presence mask.</summary>
    public const int PresenceOffset = TagsOffset + (TagCount * TagLength);

    /// <summary>Bytes of a whole vector.</summary>
    public const int Length = PresenceOffset + 2;

    /// <summary>Bloom fragment indexes.</summary>
    public const int Given = 0, Family = 1, Father = 2, Place = 3;

    /// <summary>Tag indexes.</summary>
    public const int Dob = 0, DobSwapped = 1, Year = 2, NextYear = 3, MonthDay = 4, Sex = 5, NationalId = 6, Document = 7;

    /// <summary>The Bloom fragment <paramref name="index"/> of <paramref name="vector"/>.</summary>
    public static ReadOnlySpan<byte> Fragment(ReadOnlySpan<byte> vector, int index) => vector.Slice(index * FragmentLength, FragmentLength);

    /// <summary>The tag <paramref name="index"/> of <paramref name="vector"/>.</summary>
    public static ReadOnlySpan<byte> Tag(ReadOnlySpan<byte> vector, int index) => vector.Slice(TagsOffset + (index * TagLength), TagLength);

    /// <summary>True when tag <paramref name="index"/> is present.</summary>
    public static bool HasTag(ReadOnlySpan<byte> vector, int index) =>
        ((((vector[PresenceOffset] << 8) | vector[PresenceOffset + 1]) >> index) & 1) != 0;
}
