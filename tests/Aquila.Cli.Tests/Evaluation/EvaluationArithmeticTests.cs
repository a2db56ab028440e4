using Aquila.Cli.Evaluation;
using Aquila.Cli.Local;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Tests.Evaluation;

public class EvaluationArithmeticTests
{
    // Person P1 is held by RS, BA and ME (3 true pairs), P2 by RS and BA (1 true pair), P3 only by ME.
    private static EvaluationTruth Truth() => new(new Dictionary<RecordRef, string>
    {
        [new("RS", "r1")] = "P1", [new("BA", "b1")] = "P1", [new("ME", "m1")] = "P1",
        [new("RS", "r2")] = "P2", [new("BA", "b2")] = "P2",
        [new("ME", "m3")] = "P3",
    }, new Dictionary<RecordRef, HashSet<string>>
    {
        [new("ME", "m1")] = ["dob_missing"],
        [new("ME", "m3")] = ["namesake"],
    });

    private static HitPair Hit(string pa, string ra, string pb, string rb, MatchBand band) =>
        new($"{pa}{ra}{pb}{rb}", pa, ra, pb, rb, band, ["k"]);

    private static readonly HitPair[] Hits =
    [
        Hit("BA", "b1", "RS", "r1", MatchBand.Strong),   // true
        Hit("BA", "b2", "RS", "r2", MatchBand.Probable), // true
        Hit("BA", "b1", "ME", "m1", MatchBand.Possible), // true
        Hit("ME", "m3", "RS", "r2", MatchBand.Possible), // false
    ];

    [Fact]
    public void True_pairs_are_pairs_of_one_person_across_two_parties()
    {
        Assert.Equal(4, Truth().TruePairs.Count);
    }

    [Fact]
    public void Precision_recall_and_f1_are_cumulative_per_band()
    {
        var quality = MatchQuality.Evaluate(Hits, Truth(), null);

        Assert.Equal(["strong", "strong+probable", "all"], quality.Select(q => q.Bands));
        Assert.Equal([1L, 2L, 4L], quality.Select(q => q.Hits));
        Assert.Equal([1L, 2L, 3L], quality.Select(q => q.TruePositives));
        Assert.Equal(0.75, quality[2].Precision, 10);
        Assert.Equal(0.75, quality[2].Recall, 10);
        Assert.Equal(0.25, quality[0].Recall, 10);
        Assert.Equal(2 * 1.0 * 0.25 / 1.25, quality[0].F1, 10);
    }

    [Fact]
    public void Matchable_recall_counts_only_the_pairs_the_rule_accepts()
    {
        // Pairs with ME's m1 are not matchable: 2 matchable pairs (r1-b1, r2-b2), both found at all bands.
        static bool Matchable(RecordRef a, RecordRef b) => a.Record != "m1" && b.Record != "m1";

        var quality = MatchQuality.Evaluate(Hits, Truth(), Matchable);

        Assert.Equal(2, quality[2].MatchablePairs);
        Assert.Equal(2, quality[2].MatchablePositives);
        Assert.Equal(1.0, quality[2].MatchableRecall, 10);
        Assert.Equal(0.5, quality[0].MatchableRecall, 10);
    }

    [Fact]
    public void Without_hits_precision_is_one_and_recall_zero()
    {
        var quality = MatchQuality.Evaluate([], Truth(), null);

        Assert.All(quality, q => Assert.Equal(1.0, q.Precision));
        Assert.All(quality, q => Assert.Equal(0.0, q.Recall));
        Assert.All(quality, q => Assert.Equal(0.0, q.F1));
    }

    [Fact]
    public void Misses_and_false_hits_are_counted_by_the_variations_of_either_record()
    {
        var report = EvaluationReport.Build(Hits, Truth(), null);

        var all = report.Levels[^1];
        Assert.Equal(1, all.Misses.Pairs); // r1-m1
        Assert.Equal(1, all.Misses["dob_missing"]);
        Assert.Equal(1, all.FalseHits.Pairs);
        Assert.Equal(1, all.FalseHits["namesake"]);
        var strong = report.Levels[0];
        Assert.Equal(3, strong.Misses.Pairs);
        Assert.Equal(1, strong.Misses[CauseCounts.NoVariation]); // r2-b2
        Assert.Equal(2, strong.Misses["dob_missing"]);
    }
}
