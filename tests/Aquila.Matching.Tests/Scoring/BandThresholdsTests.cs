using System.Text;
using Aquila.Matching.Scoring;
using Aquila.Matching.Stage2;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Scoring;

/// <summary>Issue 16: band thresholds chosen per project from its fit, and recorded with it.</summary>
public class BandThresholdsTests
{
    private static ScoringSpec Spec(string weight) =>
        MatchKeySchema.Parse(Encoding.UTF8.GetBytes($$"""
            { "schema": "aquila-match-keys", "version": 1,
              "keys": [{ "id": "name_dob", "band": "strong", "fields": ["name", "dob"] }],
              "scoring": { "fields": [{ "id": "given", "kind": "string-bloom", "source": "given_name" }],
                           "blocks": [{ "id": "b_given", "parts": ["given"] }],
                           "bands": { "strong": 0.9995, "probable": 0.999, "possible": 0.9 {{weight}} } } }
            """), "my-schema.json").Scoring!;

    [Fact]
    public void Without_a_possible_weight_every_project_bands_with_the_schemas_thresholds()
    {
        var spec = Spec("");

        Assert.Equal(new BandThresholds(0.9995, 0.999, 0.9), BandThresholds.For(spec, 0.07));
        Assert.Equal(BandThresholds.Of(spec), BandThresholds.For(spec, 0.02));
    }

    [Fact]
    public void The_possible_threshold_is_the_posterior_of_the_weight_under_the_fitted_prior()
    {
        // Prior odds 1:9, likelihood ratio 2^8 = 256: posterior odds 256:9.
        var thresholds = BandThresholds.For(Spec(""", "possible_weight": 8"""), 0.1);

        Assert.Equal(256.0 / 265.0, thresholds.Possible, 12);
        Assert.Equal(0.9995, thresholds.Strong);
        Assert.Equal(0.999, thresholds.Probable);
    }

    [Fact]
    public void A_project_with_a_larger_share_of_true_pairs_needs_a_higher_posterior()
    {
        var spec = Spec(""", "possible_weight": 8.7""");

        Assert.True(BandThresholds.For(spec, 0.07).Possible > BandThresholds.For(spec, 0.026).Possible);
    }

    [Theory]
    [InlineData(0.0001, 0.9)]   // the weight's posterior is below the schema's possible threshold: that threshold
    [InlineData(0.9, 0.999)]    // above the probable threshold: the probable one (no possible band then)
    public void The_chosen_threshold_stays_within_the_schemas_possible_and_probable_thresholds(double prior, double expected)
    {
        Assert.Equal(expected, BandThresholds.For(Spec(""", "possible_weight": 8.7"""), prior).Possible);
    }

    [Theory]
    [InlineData(0.022)] // about what a 20,000-person project fits
    [InlineData(0.026)] // 6,000 persons
    [InlineData(0.07)]  // 1,500 persons
    public void The_person_schema_bands_every_project_at_one_possible_posterior(double prior)
    {
        // Under the fit with a related-persons class the posterior means about the same false share at every project size,
        // so the person schema states no possible_weight (docs/matching.md, "The possible band's operating point under
        // the three-class fit"); strong and probable are as before.
        var spec = MatchKeySchema.Default.Scoring!;

        Assert.Null(spec.PossibleWeight);
        Assert.Equal(new BandThresholds(0.9995, 0.999, 0.8), BandThresholds.For(spec, prior));
    }

    [Fact]
    public void Bands_follow_the_chosen_thresholds()
    {
        var thresholds = new BandThresholds(0.9995, 0.999, 0.97);

        Assert.Equal(MatchBand.Strong, thresholds.BandOf(0.9996));
        Assert.Equal(MatchBand.Probable, thresholds.BandOf(0.999));
        Assert.Equal(MatchBand.Possible, thresholds.BandOf(0.97));
        Assert.Null(thresholds.BandOf(0.969));
    }

    [Fact]
    public void The_fit_record_keeps_the_thresholds_and_a_record_written_before_them_bands_with_the_schemas()
    {
        var scorer = new PairScorer(MatchKeySchema.Default.Scoring!);
        var model = scorer.StartingModel();
        var chosen = new BandThresholds(0.9995, 0.999, 0.9731);
        var fallback = BandThresholds.Of(scorer.Scoring);

        var payload = ScoringStartCodec.Encode(model, 1234, chosen);
        var (read, thresholds) = ScoringStartCodec.Decode(payload, scorer.Fields, fallback);
        Assert.Equal(chosen, thresholds);
        Assert.Equal(model.Prior, read.Prior);

        // Version 2: the same layout without the 24 bytes of thresholds.
        var old = payload[..^24];
        old[0] = 2;
        Assert.Equal(fallback, ScoringStartCodec.Decode(old, scorer.Fields, fallback).Thresholds);
    }

    [Fact]
    public void A_fit_record_with_thresholds_out_of_order_is_refused()
    {
        var scorer = new PairScorer(MatchKeySchema.Default.Scoring!);
        var payload = ScoringStartCodec.Encode(scorer.StartingModel(), 10, new BandThresholds(0.9, 0.999, 0.95));

        Assert.Throws<InvalidDataException>(() => ScoringStartCodec.Decode(payload, scorer.Fields, BandThresholds.Of(scorer.Scoring)));
    }
}
