using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Comparison;

/// <summary>
/// Byte layout of a block-salted comparison vector for one schema's comparison fields (docs/token-spec.md §7): the
/// fields in schema order, a <c>string-bloom</c> field as a 16-byte Bloom fragment, a <c>date</c> field as five
/// 4-byte tags (full date, day/month-swapped date, year, next year, month-day), an <c>exact</c> field as one 4-byte
/// tag; then a presence bitmap with one bit per tag (bit i of byte i / 8, most significant first). A fragment is
/// present when it is not all zero.
/// </summary>
public sealed class VectorLayout
{
    /// <summary>Bytes of one Bloom fragment (128 bits).</summary>
    public const int FragmentLength = 16;

    /// <summary>Bytes of one tag.</summary>
    public const int TagLength = 4;

    /// <summary>Tags of a date field, in order.</summary>
    public const int DateFull = 0, DateSwapped = 1, DateYear = 2, DateNextYear = 3, DateMonthDay = 4, DateTags = 5;

    private readonly int[] _offsets;
    private readonly int[] _firstTags;
    private readonly (int Field, int Index)[] _tags;

    /// <summary>The layout of <paramref name="fields"/>; <paramref name="swappable"/> names two string fields compared crosswise, or is null.</summary>
    public VectorLayout(IReadOnlyList<ScoringField> fields, (int First, int Second)? swappable)
    {
        ArgumentNullException.ThrowIfNull(fields);
        Fields = fields;
        Swappable = swappable;
        _offsets = new int[fields.Count];
        _firstTags = new int[fields.Count];
        var offset = 0;
        var tags = 0;
        for (var f = 0; f < fields.Count; f++)
        {
            _offsets[f] = offset;
            _firstTags[f] = tags;
            var fieldTags = TagsOf(fields[f].Kind);
            tags += fieldTags;
            offset += fields[f].Kind == ScoringFieldKind.StringBloom ? FragmentLength : fieldTags * TagLength;
        }

        TagCount = tags;
        _tags = new (int, int)[tags];
        for (var f = 0; f < fields.Count; f++)
        {
            for (var t = 0; t < TagsOf(fields[f].Kind); t++)
            {
                _tags[_firstTags[f] + t] = (f, t);
            }
        }

        PresenceOffset = offset;
        Length = offset + ((tags + 7) / 8);
    }

    /// <summary>The comparison fields, in vector order.</summary>
    public IReadOnlyList<ScoringField> Fields { get; }

    /// <summary>Two string fields (e.g. given and family name) enciphered alike and compared crosswise when that agrees better.</summary>
    public (int First, int Second)? Swappable { get; }

    /// <summary>Tags in the vector.</summary>
    public int TagCount { get; }

    /// <summary>Offset of the presence bitmap.</summary>
    public int PresenceOffset { get; }

    /// <summary>Bytes of a whole vector.</summary>
    public int Length { get; }

    /// <summary>Tags a field of <paramref name="kind"/> has.</summary>
    public static int TagsOf(ScoringFieldKind kind) => kind switch
    {
        ScoringFieldKind.Date => DateTags,
        ScoringFieldKind.Exact => 1,
        _ => 0,
    };

    /// <summary>Byte offset of field <paramref name="field"/>.</summary>
    public int Offset(int field) => _offsets[field];

    /// <summary>Global index of tag <paramref name="tag"/> of field <paramref name="field"/> (its presence bit).</summary>
    public int TagIndex(int field, int tag) => _firstTags[field] + tag;

    /// <summary>The field of global tag <paramref name="tag"/> and the tag's index within it.</summary>
    public (int Field, int Index) FieldOfTag(int tag) => _tags[tag];

    /// <summary>The Bloom fragment of string field <paramref name="field"/>.</summary>
    public ReadOnlySpan<byte> Fragment(ReadOnlySpan<byte> vector, int field) => vector.Slice(_offsets[field], FragmentLength);

    /// <summary>Tag <paramref name="tag"/> of field <paramref name="field"/>.</summary>
    public ReadOnlySpan<byte> Tag(ReadOnlySpan<byte> vector, int field, int tag) =>
        vector.Slice(_offsets[field] + (tag * TagLength), TagLength);

    /// <summary>True when tag <paramref name="tag"/> of field <paramref name="field"/> is present.</summary>
    public bool HasTag(ReadOnlySpan<byte> vector, int field, int tag)
    {
        var index = TagIndex(field, tag);
        return (vector[PresenceOffset + (index >> 3)] & (0x80 >> (index & 7))) != 0;
    }

    /// <summary>Marks tag <paramref name="index"/> (global) present in <paramref name="vector"/>.</summary>
    internal void SetPresent(Span<byte> vector, int index) => vector[PresenceOffset + (index >> 3)] |= (byte)(0x80 >> (index & 7));

    /// <summary>Index of the field with id <paramref name="id"/>, or -1.</summary>
    public int IndexOf(string id)
    {
        for (var f = 0; f < Fields.Count; f++)
        {
            if (string.Equals(Fields[f].Id, id, StringComparison.Ordinal))
            {
                return f;
            }
        }

        return -1;
    }
}
