using Aquila.Matching.Scoring;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Scoring;

/// <summary>
/// The EM fit's prior (issue 23): a level that no or only a handful of non-matching candidates show must not get the
/// extreme weight a zero count gives, as `model=` did on vehicle seed 13 (+14 bits, more than a disagreeing VIN takes
/// away). The strength is the schema's (<c>"em_prior"</c>); the person schema declares none, so its fit is unchanged.
/// </summary>
public class ExpectationMaximizationPriorTests
{
    private static readonly PairScorer Vehicles = new(MatchKeySchema.Vehicles.Scoring!);
    private static readonly int Model = Vehicles.Fields.Layout.IndexOf("model");

    // A vehicle project's plate-block candidates: 2,500 true pairs that agree on every field, `model` missing in 30 % of
    // them; 240 other candidates that disagree on every field, of which `agreeing` agree on `model` (the rest missing or
    // disagreeing).
    private static List<(byte[] Levels, long Count)> FewOtherPairsAgreeingOnModel(int agreeing = 0)
    {
        byte[] Pattern(bool match, byte model)
        {
            var levels = new byte[Vehicles.FieldCount];
            for (var f = 0; f < levels.Length; f++)
            {
                levels[f] = match ? (byte)1 : (byte)(Vehicles.Fields.Levels(f) - 1);
            }

            levels[Model] = model;
            return levels;
        }

        var disagree = (byte)(Vehicles.Fields.Levels(Model) - 1);
        return
        [
            (Pattern(match: true, model: 1), 1_750),
            (Pattern(match: true, model: 0), 750),
            (Pattern(match: false, model: 1), agreeing),
            (Pattern(match: false, model: 0), 144 - agreeing),
            (Pattern(match: false, model: disagree), 96),
        ];
    }

    private static double Weight(FellegiSunterModel model, int field, int level) =>
        Math.Log2(model.M(field, level) / model.U(field, level));

    [Fact]
    public void Without_a_prior_a_level_no_other_candidate_showed_weighs_more_than_a_disagreeing_vin_takes_away()
    {
        var model = ExpectationMaximization.Fit(FewOtherPairsAgreeingOnModel(), Vehicles.StartingModel(), priorPairs: 0);

        Assert.True(Weight(model, Model, 1) > 9, $"model= weighs {Weight(model, Model, 1):F1} bits");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(3)]
    public void With_the_vehicle_schemas_prior_a_level_few_other_candidates_showed_cannot_dominate(int agreeing)
    {
        var model = Vehicles.Fit(FewOtherPairsAgreeingOnModel(agreeing));

        Assert.InRange(Weight(model, Model, 1), 0.5, 8);
    }

    [Fact]
    public void The_fit_with_the_prior_still_separates_the_true_pairs_from_the_others()
    {
        var patterns = FewOtherPairsAgreeingOnModel();

        var model = Vehicles.Fit(patterns);

        Assert.InRange(model.Prior, 0.90, 0.92);
        Assert.True(model.Posterior(patterns[1].Levels) > 0.9999);
        Assert.True(model.Posterior(patterns[4].Levels) < 0.0001);
    }

    [Fact]
    public void A_schema_without_a_prior_fits_exactly_as_the_plain_fit()
    {
        var persons = new PairScorer(MatchKeySchema.Default.Scoring!);
        var patterns = new List<(byte[] Levels, long Count)>
        {
            (Enumerable.Repeat((byte)1, persons.FieldCount).ToArray(), 900),
            (Enumerable.Range(0, persons.FieldCount).Select(f => (byte)(persons.Fields.Levels(f) - 1)).ToArray(), 100),
        };

        var viaScorer = persons.Fit(patterns);
        var plain = ExpectationMaximization.Fit(patterns, persons.StartingModel());

        Assert.Equal(plain.Prior, viaScorer.Prior);
        for (var f = 0; f < persons.FieldCount; f++)
        {
            for (var l = 0; l < persons.Fields.Levels(f); l++)
            {
                Assert.Equal(plain.M(f, l), viaScorer.M(f, l));
                Assert.Equal(plain.U(f, l), viaScorer.U(f, l));
            }
        }
    }
}
