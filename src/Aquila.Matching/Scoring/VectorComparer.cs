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

    /// <summary>Dice coefficient at or above which two string fragments count as partly agreeing.</summary>
    public const double PartialDice = 0.6;

    private readonly VectorLayout _layout;

    /// <summary>A comparer for vectors in <paramref name="layout"/>.</summary>
    public VectorComparer(VectorLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        _layout = layout;
    }

    /// <summary>Writes the level of every field into <paramref name="levels"/> (one byte per field).</summary>
    public void Compare(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> levels)
    {
        var fields = _layout.Fields;
        for (var f = 0; f < fields.Count; f++)
        {
            levels[f] = fields[f].Kind switch
            {
                ScoringFieldKind.StringBloom => StringLevel(_layout.Fragment(a, f), _layout.Fragment(b, f)),
                ScoringFieldKind.Date => DateLevel(a, b, f),
                _ => ExactLevel(a, b, f),
            };
        }

        // Two swappable string fields (given, family) are compared crosswise when that agrees better (swapped names).
        if (_layout.Swappable is { } swap)
        {
            var (x, y) = (swap.First, swap.Second);
            var straight = Dice(_layout.Fragment(a, x), _layout.Fragment(b, x)) + Dice(_layout.Fragment(a, y), _layout.Fragment(b, y));
            var crossed = Dice(_layout.Fragment(a, x), _layout.Fragment(b, y)) + Dice(_layout.Fragment(a, y), _layout.Fragment(b, x));
            if (crossed > straight)
            {
                // Which crossed comparison is "the given name" depends on which record is read first; the closer one
                // counts as the first field, so comparing a with b and b with a gives the same levels.
                var one = StringLevel(_layout.Fragment(a, x), _layout.Fragment(b, y));
                var other = StringLevel(_layout.Fragment(a, y), _layout.Fragment(b, x));
                (levels[x], levels[y]) = (Math.Min(one, other), Math.Max(one, other));
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

    private static byte StringLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b)
    {
        if (a.IndexOfAnyExcept((byte)0) < 0 || b.IndexOfAnyExcept((byte)0) < 0)
        {
            return ComparisonField.Missing;
        }

        if (a.SequenceEqual(b))
        {
            return ComparisonField.Equal;
        }

        var dice = Dice(a, b);
        return dice >= CloseDice ? ComparisonField.Close : dice >= PartialDice ? ComparisonField.Partial : ComparisonField.Far;
    }

    private byte DateLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int f)
    {
        if (!_layout.HasTag(a, f, VectorLayout.DateYear) || !_layout.HasTag(b, f, VectorLayout.DateYear))
        {
            return ComparisonField.Missing;
        }

        if (Same(a, b, f, VectorLayout.DateFull, VectorLayout.DateFull))
        {
            return ComparisonField.DateEqual;
        }

        if (Same(a, b, f, VectorLayout.DateFull, VectorLayout.DateSwapped) || Same(a, b, f, VectorLayout.DateSwapped, VectorLayout.DateFull))
        {
            return ComparisonField.DateSwapped;
        }

        var yearClose = Same(a, b, f, VectorLayout.DateYear, VectorLayout.DateYear) || Same(a, b, f, VectorLayout.DateNextYear, VectorLayout.DateYear)
            || Same(a, b, f, VectorLayout.DateYear, VectorLayout.DateNextYear);
        if (!yearClose)
        {
            return ComparisonField.DateFar;
        }

        if (!_layout.HasTag(a, f, VectorLayout.DateMonthDay) || !_layout.HasTag(b, f, VectorLayout.DateMonthDay))
        {
            return ComparisonField.DateYearOnly;
        }

        return Same(a, b, f, VectorLayout.DateMonthDay, VectorLayout.DateMonthDay) ? ComparisonField.DateYearOff : ComparisonField.DateDayDiffers;
    }

    private byte ExactLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int f)
    {
        if (!_layout.HasTag(a, f, 0) || !_layout.HasTag(b, f, 0))
        {
            return ComparisonField.Missing;
        }

        return Same(a, b, f, 0, 0) ? ComparisonField.ExactEqual : ComparisonField.ExactDifferent;
    }

    private bool Same(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int f, int tagA, int tagB) =>
        _layout.HasTag(a, f, tagA) && _layout.HasTag(b, f, tagB) && _layout.Tag(a, f, tagA).SequenceEqual(_layout.Tag(b, f, tagB));
}
