using Aquila.Matching.Scoring;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Scoring;

/// <summary>
/// The word-at-a-time <see cref="VectorComparer"/> (issue 16, ingest cost) gives exactly the levels of a plain reading of
/// the layout — field by field through <see cref="VectorLayout"/>'s spans, Dice over the fragment bytes — on vectors
/// made to hit every level: equal, close and far fragments, missing fields, equal and differing tags.
/// </summary>
public class VectorComparerReferenceTests
{
    private static readonly VectorLayout Layout = MatchKeySchema.Default.Scoring!.Layout;

    [Fact]
    public void The_comparer_gives_the_levels_of_a_field_by_field_reading_on_varied_vectors()
    {
        var comparer = new VectorComparer(Layout);
        var random = new Random(16);
        var (actual, expected) = (new byte[Layout.Fields.Count], new byte[Layout.Fields.Count]);
        var seen = new HashSet<(int, byte)>();
        for (var i = 0; i < 20_000; i++)
        {
            var a = new byte[Layout.Length];
            random.NextBytes(a);
            var b = (byte[])a.Clone();
            for (var flips = random.Next(0, 40); flips > 0; flips--)
            {
                b[random.Next(b.Length)] ^= (byte)(1 << random.Next(8));
            }

            for (var f = 0; f < Layout.Fields.Count; f++)
            {
                if (random.Next(6) == 0)
                {
                    Array.Clear(random.Next(2) == 0 ? a : b, Layout.Offset(f), Layout.Fields[f].Kind == ScoringFieldKind.StringBloom ? VectorLayout.FragmentLength : VectorLayout.TagLength);
                }
            }

            comparer.Compare(a, b, actual);
            Reference(a, b, expected);

            Assert.Equal(expected, actual);
            for (var f = 0; f < expected.Length; f++)
            {
                seen.Add((f, expected[f]));
            }
        }

        Assert.True(seen.Count >= 20, $"only {seen.Count} field levels were hit");
    }

    // The comparer as it was before it read words: spans through the layout, Dice over bytes.
    private static void Reference(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, Span<byte> levels)
    {
        for (var f = 0; f < Layout.Fields.Count; f++)
        {
            levels[f] = Layout.Fields[f].Kind switch
            {
                ScoringFieldKind.StringBloom => StringLevel(Layout.Fragment(a, f), Layout.Fragment(b, f)),
                ScoringFieldKind.Date => DateLevel(a, b, f),
                _ => !Layout.HasTag(a, f, 0) || !Layout.HasTag(b, f, 0) ? ComparisonField.Missing
                    : Same(a, b, f, 0, 0) ? ComparisonField.ExactEqual : ComparisonField.ExactDifferent,
            };
        }

        if (Layout.Swappable is { } swap)
        {
            var (x, y) = (swap.First, swap.Second);
            var straight = VectorComparer.Dice(Layout.Fragment(a, x), Layout.Fragment(b, x)) + VectorComparer.Dice(Layout.Fragment(a, y), Layout.Fragment(b, y));
            var crossed = VectorComparer.Dice(Layout.Fragment(a, x), Layout.Fragment(b, y)) + VectorComparer.Dice(Layout.Fragment(a, y), Layout.Fragment(b, x));
            if (crossed > straight)
            {
                var one = StringLevel(Layout.Fragment(a, x), Layout.Fragment(b, y));
                var other = StringLevel(Layout.Fragment(a, y), Layout.Fragment(b, x));
                (levels[x], levels[y]) = (Math.Min(one, other), Math.Max(one, other));
            }
        }
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

        var dice = VectorComparer.Dice(a, b);
        return dice >= VectorComparer.CloseDice ? ComparisonField.Close : dice >= VectorComparer.PartialDice ? ComparisonField.Partial : ComparisonField.Far;
    }

    private static byte DateLevel(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int f)
    {
        if (!Layout.HasTag(a, f, VectorLayout.DateYear) || !Layout.HasTag(b, f, VectorLayout.DateYear))
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

        if (!(Same(a, b, f, VectorLayout.DateYear, VectorLayout.DateYear) || Same(a, b, f, VectorLayout.DateNextYear, VectorLayout.DateYear)
            || Same(a, b, f, VectorLayout.DateYear, VectorLayout.DateNextYear)))
        {
            return ComparisonField.DateFar;
        }

        if (!Layout.HasTag(a, f, VectorLayout.DateMonthDay) || !Layout.HasTag(b, f, VectorLayout.DateMonthDay))
        {
            return ComparisonField.DateYearOnly;
        }

        return Same(a, b, f, VectorLayout.DateMonthDay, VectorLayout.DateMonthDay) ? ComparisonField.DateYearOff : ComparisonField.DateDayDiffers;
    }

    private static bool Same(ReadOnlySpan<byte> a, ReadOnlySpan<byte> b, int f, int tagA, int tagB) =>
        Layout.HasTag(a, f, tagA) && Layout.HasTag(b, f, tagB) && Layout.Tag(a, f, tagA).SequenceEqual(Layout.Tag(b, f, tagB));
}
