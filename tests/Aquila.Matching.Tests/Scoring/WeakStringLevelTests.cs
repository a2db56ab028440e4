using Aquila.Matching.Scoring;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Scoring;

/// <summary>
/// Issue 16: with a schema's <c>"weak_dice"</c> a string Dice from that bound up to the partial level's is its own level,
/// weak, instead of far (a transposed pair of letters in a short name gives about 0.5); without it nothing changes.
/// </summary>
public class WeakStringLevelTests
{
    private static readonly VectorLayout Layout = MatchKeySchema.Default.Scoring!.Layout;
    private static readonly int Given = Index("given");

    [Theory]
    [InlineData(6, ComparisonField.Partial, ComparisonField.Partial)] // Dice 0.6
    [InlineData(5, ComparisonField.Weak, ComparisonField.Far)] // Dice 0.5
    [InlineData(4, ComparisonField.Far, ComparisonField.Far)] // Dice 0.4
    public void A_Dice_from_the_bound_to_partial_is_weak_only_with_the_bound(int sharedBits, byte withBound, byte without)
    {
        var (a, b) = Fragments(sharedBits);
        var levels = new byte[Layout.Fields.Count];

        new VectorComparer(Layout, weakDice: 0.5).Compare(a, b, levels);
        var weak = levels[Given];
        new VectorComparer(Layout).Compare(a, b, levels);

        Assert.Equal((withBound, without), (weak, levels[Given]));
    }

    [Fact]
    public void The_weak_level_adds_a_sixth_string_level_and_keeps_the_others_numbers()
    {
        var five = new ComparisonFields(Layout, MatchKeySchema.Default.Scoring!.Joint);
        var six = new ComparisonFields(Layout, MatchKeySchema.Default.Scoring!.Joint, weakLevel: true);

        Assert.Equal(ComparisonField.StringLevels, five.Levels(Given));
        Assert.Equal(ComparisonField.StringLevelsWithWeak, six.Levels(Given));
        Assert.Equal(ComparisonField.Far, ComparisonField.Disagrees(ScoringFieldKind.StringBloom));
        Assert.Equal("given≃", six.Describe(Given, ComparisonField.Weak));
        Assert.Equal("given≠", six.Describe(Given, ComparisonField.Far));
    }

    [Fact]
    public void The_built_in_person_schema_scores_with_the_weak_level()
    {
        var scorer = new PairScorer(MatchKeySchema.Default.Scoring!);

        Assert.Equal(ComparisonField.StringLevelsWithWeak, scorer.Fields.Levels(Given));
        Assert.Equal(ComparisonField.StringLevels, new PairScorer(MatchKeySchema.Vehicles.Scoring!).Fields.Levels(0));
    }

    // Two vectors whose given-name fragments have 10 bits each, sharing sharedBits of them (Dice sharedBits / 10); every
    // other field is missing on both sides.
    private static (byte[] A, byte[] B) Fragments(int sharedBits)
    {
        var (a, b) = (new byte[Layout.Length], new byte[Layout.Length]);
        var at = Layout.Offset(Given);
        for (var bit = 0; bit < 10; bit++)
        {
            a[at + (bit / 8)] |= (byte)(1 << (bit % 8));
            var other = bit < sharedBits ? bit : bit + 20;
            b[at + (other / 8)] |= (byte)(1 << (other % 8));
        }

        return (a, b);
    }

    private static int Index(string id)
    {
        for (var f = 0; f < Layout.Fields.Count; f++)
        {
            if (Layout.Fields[f].Id == id)
            {
                return f;
            }
        }

        throw new InvalidOperationException(id);
    }
}
