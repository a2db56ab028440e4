using Aquila.Matching.Scoring;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Scoring;

/// <summary>
/// Issue 23: the vehicle schema's <c>"strong_needs": ["vin"]</c>. A plate is re-issued, so a pair whose VIN does not
/// agree (missing on a side, or different) is at most probable however high it scores; the person schema has no such
/// rule and its bands follow the posterior alone.
/// </summary>
public class StrongNeedsBandTests
{
    private static readonly PairScorer Vehicles = new(MatchKeySchema.Vehicles.Scoring!);
    private static readonly int Vin = Vehicles.Fields.Layout.IndexOf("vin");

    // Every field equal; the VIN at vinLevel.
    private static byte[] Levels(byte vinLevel)
    {
        var levels = new byte[Vehicles.FieldCount];
        Array.Fill(levels, (byte)1);
        levels[Vin] = vinLevel;
        return levels;
    }

    // A fitted model in which a plate, make, model and year agreeing is far above the strong threshold on its own.
    private static FellegiSunterModel Fitted() => Vehicles.Fit(
    [
        (Levels(ComparisonField.Equal), 1_500),
        (Levels(ComparisonField.Missing), 1_000),
        (Enumerable.Range(0, Vehicles.FieldCount).Select(f => (byte)(Vehicles.Fields.Levels(f) - 1)).ToArray(), 300),
    ]);

    [Theory]
    [InlineData(ComparisonField.Equal)]
    [InlineData(ComparisonField.Close)]
    public void A_pair_whose_vin_agrees_is_strong(byte vinLevel)
    {
        Assert.Equal(MatchBand.Strong, Vehicles.Band(Fitted(), BandThresholds.Of(Vehicles.Scoring), Levels(vinLevel), out _));
    }

    [Fact]
    public void A_pair_with_no_vin_on_a_side_is_probable_however_high_it_scores()
    {
        var band = Vehicles.Band(Fitted(), BandThresholds.Of(Vehicles.Scoring), Levels(ComparisonField.Missing), out var posterior);

        Assert.True(posterior >= Vehicles.Scoring.StrongThreshold, $"posterior {posterior}");
        Assert.Equal(MatchBand.Probable, band);
    }

    [Fact]
    public void The_person_schema_bands_follow_the_posterior_alone()
    {
        var persons = new PairScorer(MatchKeySchema.Default.Scoring!);
        var levels = new byte[persons.FieldCount];
        Array.Fill(levels, (byte)1);

        var band = persons.Band(persons.StartingModel(), BandThresholds.Of(persons.Scoring), levels, out var posterior);

        Assert.Equal(BandThresholds.Of(persons.Scoring).BandOf(posterior), band);
    }
}
