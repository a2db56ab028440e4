using Aquila.Matching.Scoring;
using Aquila.Matching.Stage2;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Scoring;

public class RelativesExpectationMaximizationTests
{
    private static readonly PairScorer Scorer = new(MatchKeySchema.Default.Scoring!);
    private static readonly ComparisonFields Fields = Scorer.Fields;
    private static readonly int Given = Fields.Layout.IndexOf("given"), Family = Fields.Layout.IndexOf("family"),
        Father = Fields.Layout.IndexOf("father"), Place = Fields.Layout.IndexOf("place"), Dob = Fields.Layout.IndexOf("dob"),
        Sex = Fields.Layout.IndexOf("sex");

    private const double Strong = 0.9995;

    // A candidate mixture as a family-name block makes it, drawn from known classes (fields not set stay missing):
    // 3 % the same person (names, date and place mostly equal), 1.5 % siblings and twins (given name different, family
    // and father equal, same place, a third born on the same day), the rest unrelated pairs with the family name equal.
    private static List<(byte[] Levels, long Count)> Mixture(double relatives = 0.015)
    {
        var random = new Random(7);
        var counts = new SortedDictionary<string, (byte[] Levels, long Count)>(StringComparer.Ordinal);
        for (var i = 0; i < 100_000; i++)
        {
            var draw = random.NextDouble();
            var levels = new byte[Fields.Count];
            if (draw < 0.03)
            {
                levels[Given] = Pick(random, 0.9, ComparisonField.Equal, ComparisonField.Far);
                levels[Family] = Pick(random, 0.95, ComparisonField.Equal, ComparisonField.Close);
                levels[Father] = Pick(random, 0.6, ComparisonField.Equal, ComparisonField.Missing);
                levels[Place] = Pick(random, 0.8, ComparisonField.Equal, ComparisonField.Missing);
                levels[Dob] = Pick(random, 0.7, ComparisonField.DateEqual, ComparisonField.DateYearOnly);
                levels[Sex] = Pick(random, 0.98, ComparisonField.ExactEqual, ComparisonField.ExactDifferent);
            }
            else if (draw < 0.03 + relatives)
            {
                levels[Given] = ComparisonField.Far;
                levels[Family] = ComparisonField.Equal;
                levels[Father] = ComparisonField.Equal;
                levels[Place] = Pick(random, 0.9, ComparisonField.Equal, ComparisonField.Missing);
                levels[Dob] = Pick(random, 0.35, ComparisonField.DateEqual, ComparisonField.DateFar);
                levels[Sex] = Pick(random, 0.5, ComparisonField.ExactEqual, ComparisonField.ExactDifferent);
            }
            else
            {
                levels[Given] = Pick(random, 0.03, ComparisonField.Equal, ComparisonField.Far);
                levels[Family] = Pick(random, 0.7, ComparisonField.Equal, ComparisonField.Far);
                levels[Father] = Pick(random, 0.5, ComparisonField.Missing, ComparisonField.Far);
                levels[Place] = Pick(random, 0.1, ComparisonField.Equal, ComparisonField.Far);
                levels[Dob] = Pick(random, 0.002, ComparisonField.DateEqual, ComparisonField.DateFar);
                levels[Sex] = Pick(random, 0.5, ComparisonField.ExactEqual, ComparisonField.ExactDifferent);
            }

            var code = Convert.ToHexString(levels);
            counts[code] = counts.TryGetValue(code, out var seen) ? (levels, seen.Count + 1) : (levels, 1);
        }

        return [.. counts.Values];
    }

    private static byte Pick(Random random, double p, byte yes, byte no) => random.NextDouble() < p ? yes : no;

    private static byte[] Pattern(byte given, byte dob)
    {
        var levels = new byte[Fields.Count];
        (levels[Given], levels[Family], levels[Father], levels[Place], levels[Dob], levels[Sex]) =
            (given, ComparisonField.Equal, ComparisonField.Equal, ComparisonField.Equal, dob, ComparisonField.ExactEqual);
        return levels;
    }

    private static readonly byte[] Twins = Pattern(ComparisonField.Far, ComparisonField.DateEqual);
    private static readonly byte[] SamePerson = Pattern(ComparisonField.Equal, ComparisonField.DateEqual);

    [Fact]
    public void The_two_class_fit_scores_twins_as_strong_hits()
    {
        var model = ExpectationMaximization.Fit(Mixture(), Scorer.StartingModel());

        Assert.True(model.Posterior(Twins) >= Strong, $"twins {model.Posterior(Twins)}");
    }

    [Fact]
    public void The_related_class_takes_twins_below_every_band_and_keeps_the_same_person_strong()
    {
        var patterns = Mixture();
        var model = RelativesExpectationMaximization.Fit(patterns, ExpectationMaximization.Fit(patterns, Scorer.StartingModel()));

        Assert.True(model.HasRelated);
        Assert.InRange(model.RelatedPrior, 0.01, 0.02);
        Assert.True(model.Posterior(Twins) < 0.9, $"twins {model.Posterior(Twins)}");
        Assert.True(model.Posterior(SamePerson) >= Strong, $"same person {model.Posterior(SamePerson)}");
    }

    [Fact]
    public void The_scorer_fits_the_related_class_for_a_schema_with_a_joint_group()
    {
        var model = Scorer.Fit(Mixture());

        Assert.True(model.HasRelated);
        Assert.True(Scorer.Band(model, Scorer.Thresholds(model), Twins, out _) is null);
        Assert.Equal(MatchBand.Strong, Scorer.Band(model, Scorer.Thresholds(model), SamePerson, out _));
    }

    [Fact]
    public void The_related_class_never_holds_a_pair_that_agrees_on_every_field_of_a_joint_group()
    {
        var allowed = RelativesExpectationMaximization.AllowedCells(Fields);
        var joint = Enumerable.Range(0, Fields.FactorCount).Single(k => Fields.FactorFields(k).Count > 1);

        Assert.False(allowed[joint]![Fields.Cell(joint, SamePerson)]);
        Assert.True(allowed[joint]![Fields.Cell(joint, Twins)]);
        Assert.All(Enumerable.Range(0, Fields.FactorCount).Where(k => k != joint), k => Assert.Null(allowed[k]));
    }

    [Fact]
    public void Without_relatives_among_the_candidates_the_two_class_fit_stands()
    {
        var patterns = Mixture(relatives: 0);
        var twoClass = ExpectationMaximization.Fit(patterns, Scorer.StartingModel());

        Assert.Same(twoClass, RelativesExpectationMaximization.Fit(patterns, twoClass));
    }

    [Fact]
    public void A_schema_without_a_joint_group_keeps_the_two_class_fit()
    {
        var fields = new ComparisonFields(Fields.Layout);
        var twoClass = FellegiSunterModel.Defaults(fields);

        Assert.Same(twoClass, RelativesExpectationMaximization.Fit(Mixture(), twoClass));
    }

    [Fact]
    public void The_fit_is_deterministic()
    {
        var patterns = Mixture();

        var a = ScoringStartCodec.Encode(Scorer.Fit(patterns), 100_000, BandThresholds.Of(Scorer.Scoring));
        var b = ScoringStartCodec.Encode(Scorer.Fit(patterns), 100_000, BandThresholds.Of(Scorer.Scoring));

        Assert.Equal(a, b);
    }

    [Fact]
    public void A_model_with_a_related_class_reads_back_from_its_record_with_exactly_the_same_posteriors()
    {
        var model = Scorer.Fit(Mixture());

        var payload = ScoringStartCodec.Encode(model, 100_000, Scorer.Thresholds(model));
        var back = ScoringStartCodec.Decode(payload, Fields, BandThresholds.Of(Scorer.Scoring)).Model;

        Assert.Equal(ScoringStartCodec.RelatedVersion, payload[0]);
        Assert.True(back.HasRelated);
        Assert.Equal(model.RelatedPrior, back.RelatedPrior);
        Assert.Equal(model.Posterior(Twins), back.Posterior(Twins));
        Assert.Equal(model.Posterior(SamePerson), back.Posterior(SamePerson));
    }

    [Fact]
    public void A_two_class_record_is_written_without_the_related_rows()
    {
        var model = ExpectationMaximization.Fit(Mixture(), Scorer.StartingModel());

        var payload = ScoringStartCodec.Encode(model, 100_000, Scorer.Thresholds(model));
        var back = ScoringStartCodec.Decode(payload, Fields, BandThresholds.Of(Scorer.Scoring)).Model;

        Assert.Equal(ScoringStartCodec.Version, payload[0]);
        Assert.False(back.HasRelated);
        Assert.Equal(model.Posterior(Twins), back.Posterior(Twins), 12);
    }
}
