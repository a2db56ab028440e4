using Aquila.Cli.Evaluation;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Local;

/// <summary>
/// Precision and recall of hit pairs against known truth, per band cumulatively (strong; strong + probable; all).
/// A true pair is two records of one person held by two different parties. When a matchability rule is given, recall
/// is also reported on the matchable true pairs only (<see cref="Matchability"/>).
/// </summary>
internal sealed record MatchQuality(string Bands, long Hits, long TruePositives, long TruePairs, long MatchablePositives = 0,
    long MatchablePairs = 0)
{
    /// <summary>The cumulative band levels, best first.</summary>
    public static IReadOnlyList<(string Name, MatchBand Minimum)> Levels { get; } =
    [
        ("strong", MatchBand.Strong), ("strong+probable", MatchBand.Probable), ("all", MatchBand.Possible),
    ];

    public double Precision => Hits == 0 ? 1.0 : (double)TruePositives / Hits;

    public double Recall => TruePairs == 0 ? 1.0 : (double)TruePositives / TruePairs;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Recall on the matchable true pairs (1 when there are none).</summary>
    public double MatchableRecall => MatchablePairs == 0 ? 1.0 : (double)MatchablePositives / MatchablePairs;

    /// <summary>Evaluates <paramref name="pairs"/>; <paramref name="personOf"/> maps (party, record id) to a person id.</summary>
    public static IReadOnlyList<MatchQuality> Evaluate(IReadOnlyList<HitPair> pairs, IReadOnlyDictionary<(string Party, string Record), string> personOf) =>
        Evaluate(pairs, new EvaluationTruth(personOf.ToDictionary(kv => new RecordRef(kv.Key.Party, kv.Key.Record), kv => kv.Value)), null);

    /// <summary>
    /// Evaluates <paramref name="pairs"/> against <paramref name="truth"/>; <paramref name="isMatchable"/> (optional)
    /// says which true pairs a key could find at all.
    /// </summary>
    public static IReadOnlyList<MatchQuality> Evaluate(IReadOnlyList<HitPair> pairs, EvaluationTruth truth,
        Func<RecordRef, RecordRef, bool>? isMatchable)
    {
        long matchablePairs = 0;
        if (isMatchable is not null)
        {
            foreach (var (a, b) in truth.TruePairs)
            {
                matchablePairs += isMatchable(a, b) ? 1 : 0;
            }
        }

        var result = new List<MatchQuality>();
        foreach (var (name, minimum) in Levels)
        {
            long hits = 0, correct = 0, matchableCorrect = 0;
            foreach (var pair in pairs)
            {
                if (pair.Band < minimum)
                {
                    continue;
                }

                hits++;
                var (a, b) = (new RecordRef(pair.PartyA, pair.RecordA), new RecordRef(pair.PartyB, pair.RecordB));
                if (truth.IsTrue(a, b))
                {
                    correct++;
                    matchableCorrect += isMatchable is not null && isMatchable(a, b) ? 1 : 0;
                }
            }

            result.Add(new MatchQuality(name, hits, correct, truth.TruePairs.Count, matchableCorrect, matchablePairs));
        }

        return result;
    }
}
