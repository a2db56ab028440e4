using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Scoring;

/// <summary>
/// Compares two comparison vectors written under the same block salt into one agreement level per field of the
/// schema's layout (<see cref="ComparisonField"/> levels by kind). Sees keyed bits only: which fields agree and how
/// closely, never a value. Stateless; safe to share.
/// </summary>
public sealed class VectorComparer
{
    /// <summary>Dice coefficient at or above which two string fragments count as close.</summary>
    public const double CloseDice = 0.8;

    /// <summary>Dice coefficient at or above which two string fragments count as partly agreeing (the schema's value, against
    /// which a <c>"weak_dice"</c> bound is checked).</summary>
    public const double PartialDice = ScoringSpec.PartialDice;

    private readonly VectorLayout _layout;
    private readonly double _weakDice;
    private readonly ScoringFieldKind[] _kinds;
    private readonly int[] _offsets;
    private readonly int[] _firstTags;

    /// <summary>A comparer for vectors in <paramref name="layout"/>.</summary>
    public VectorComparer(VectorLayout layout)
        : this(layout, weakDice: null)
    {
    }

    /// <summary>
    /// A comparer for vectors in <paramref name="layout"/>; with <paramref name="weakDice"/> (a schema's
    /// <c>"weak_dice"</c>) a string Dice from that bound up to <see cref="PartialDice"/> is <see cref="ComparisonField.Weak"/>.
    /// </summary>
    public VectorComparer(VectorLayout layout, double? weakDice)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
        _weakDice = weakDice ?? PartialDice; // without the level nothing below partial is weak
        var count = layout.Fields.Count;
        (_kinds, _offsets, _firstTags) = (new ScoringFieldKind[count], new int[count], new int[count]);
        for (var f = 0; f < count; f++)
        {
            _kinds[f] = layout.Fields[f].Kind;
            _offsets[f] = layout.Offset(f);
            _firstTags[f] = layout.TagIndex(f, 0);
        }
    }

    /// <summary>Writes the level of every field into <paramref name="levels"/> (one byte per field).</summary>
    public void Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> levels)
    {
        // The hot loop of stage-2 ingest: fields are read in place as words (a fragment as two u64, a tag as a u32),
        // with the same integer counts and the same Dice arithmetic as Dice(), so the levels are those it gives.
        var presenceA = a[_layout.PresenceOffset..];
        var presenceB = b[_layout.PresenceOffset..];
        for (var f = 0; f < _kinds.Length; f++)
        {
            levels[f] = _kinds[f] switch
            {
                ScoringFieldKind.StringBloom => StringLevel(a, b, _offsets[f], _offsets[f]),
                ScoringFieldKind.Date => DateLevel(a, b, presenceA, presenceB, f),
                _ => ExactLevel(a, b, presenceA, presenceB, f),
            };
        }

        // Two swappable string fields (given, family) are compared crosswise when that agrees better (swapped names).
        if (_layout.Swappable is { } swap)
        {
            var (x, y) = (_offsets[swap.First], _offsets[swap.Second]);
            var straight = Dice(a, b, x, x) + Dice(a, b, y, y);
            var crossed = Dice(a, b, x, y) + Dice(a, b, y, x);
            if (crossed > straight)
            {
                // Which crossed comparison is "the given name" depends on which record is read first; the closer one
                // counts as the first field, so comparing a with b and b with a gives the same levels.
                var one = StringLevel(a, b, x, y);
                var other = StringLevel(a, b, y, x);
                (levels[swap.First], levels[swap.Second]) = (Math.Min(one, other), Math.Max(one, other));
            }
        }
    }

    /// <summary>Dice coefficient of two fragments; 0 when either is empty.</summary>
    public static double Dice(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        var wa = MemoryMarshal.Cast<byte, ulong>(a);
        var wb = MemoryMarshal.Cast<byte, ulong>(b);
        int both = 0, countA = 0, countB = 0;
        for (var i = 0; i < wa.Length; i++)
        {
            both += BitOperations.PopCount(wa[i] & wb[i]);
            countA += BitOperations.PopCount(wa[i]);
            countB += BitOperations.PopCount(wb[i]);
        }

        return countA == 0 || countB == 0 ? 0 : 2.0 * both / (countA + countB);
    }

    // Dice of a's fragment at atA and b's at atB: the same integer counts and arithmetic as Dice(ReadOnlySpan, ReadOnlySpan).
    private static double Dice(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int atA, int atB)
    {
        var (a0, a1) = (Word(a, atA), Word(a, atA + 8));
        var (b0, b1) = (Word(b, atB), Word(b, atB + 8));
        var countA = BitOperations.PopCount(a0) + BitOperations.PopCount(a1);
        var countB = BitOperations.PopCount(b0) + BitOperations.PopCount(b1);
        var both = BitOperations.PopCount(a0 & b0) + BitOperations.PopCount(a1 & b1);
        return countA == 0 || countB == 0 ? 0 : 2.0 * both / (countA + countB);
    }

    private byte StringLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int atA, int atB)
    {
        var (a0, a1) = (Word(a, atA), Word(a, atA + 8));
        var (b0, b1) = (Word(b, atB), Word(b, atB + 8));
        if ((a0 | a1) == 0 || (b0 | b1) == 0)
        {
            return ComparisonField.Missing;
        }

        if (a0 == b0 && a1 == b1)
        {
            return ComparisonField.Equal;
        }

        var dice = Dice(a, b, atA, atB);
        return dice >= CloseDice ? ComparisonField.Close
            : dice >= PartialDice ? ComparisonField.Partial
            : dice >= _weakDice ? ComparisonField.Weak
            : ComparisonField.Far;
    }

    private byte DateLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> presenceA, ReadOnlySpan<byte> presenceB, int f)
    {
        if (!Has(presenceA, f, VectorLayout.DateYear) || !Has(presenceB, f, VectorLayout.DateYear))
        {
            return ComparisonField.Missing;
        }

        if (Same(a, b, presenceA, presenceB, f, VectorLayout.DateFull, VectorLayout.DateFull))
        {
            return ComparisonField.DateEqual;
        }

        if (Same(a, b, presenceA, presenceB, f, VectorLayout.DateFull, VectorLayout.DateSwapped)
            || Same(a, b, presenceA, presenceB, f, VectorLayout.DateSwapped, VectorLayout.DateFull))
        {
            return ComparisonField.DateSwapped;
        }

        var yearClose = Same(a, b, presenceA, presenceB, f, VectorLayout.DateYear, VectorLayout.DateYear)
            || Same(a, b, presenceA, presenceB, f, VectorLayout.DateNextYear, VectorLayout.DateYear)
            || Same(a, b, presenceA, presenceB, f, VectorLayout.DateYear, VectorLayout.DateNextYear);
        if (!yearClose)
        {
            return ComparisonField.DateFar;
        }

        if (!Has(presenceA, f, VectorLayout.DateMonthDay) || !Has(presenceB, f, VectorLayout.DateMonthDay))
        {
            return ComparisonField.DateYearOnly;
        }

        return Same(a, b, presenceA, presenceB, f, VectorLayout.DateMonthDay, VectorLayout.DateMonthDay)
            ? ComparisonField.DateYearOff
            : ComparisonField.DateDayDiffers;
    }

    private byte ExactLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> presenceA, ReadOnlySpan<byte> presenceB, int f)
    {
        if (!Has(presenceA, f, 0) || !Has(presenceB, f, 0))
        {
            return ComparisonField.Missing;
        }

        return Same(a, b, presenceA, presenceB, f, 0, 0) ? ComparisonField.ExactEqual : ComparisonField.ExactDifferent;
    }

    private bool Has(ReadOnlySpan<byte> presence, int f, int tag)
    {
        var index = _firstTags[f] + tag;
        return (presence[index >> 3] & (0x80 >> (index & 7))) != 0;
    }

    private bool Same(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, ReadOnlySpan<byte> presenceA, ReadOnlySpan<byte> presenceB, int f, int tagA, int tagB) =>
        Has(presenceA, f, tagA) && Has(presenceB, f, tagB)
        && Tag(a, _offsets[f] + (tagA * VectorLayout.TagLength)) == Tag(b, _offsets[f] + (tagB * VectorLayout.TagLength));

    private static ulong Word(ReadOnlySpan<byte> vector, int at) => BinaryPrimitives.ReadUInt64LittleEndian(vector[at..]);

    private static uint Tag(ReadOnlySpan<byte> vector, int at) => BinaryPrimitives.ReadUInt32LittleEndian(vector[at..]);
}
