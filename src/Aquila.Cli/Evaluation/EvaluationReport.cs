using Aquila.Cli.Local;

namespace Aquila.Cli.Evaluation;

/// <summary>
/// The result of `aquila eval`: quality per cumulative band level, and for each level the misses and false hits by
/// cause from the variation log.
/// </summary>
internal sealed record EvaluationReport(IReadOnlyList<EvaluationLevel> Levels, long Hits, long TruePairs, long MatchablePairs)
{
    /// <summary>The cause added to misses no key could have found.</summary>
    public const string NotMatchable = "not_matchable";

    /// <summary>The cause added to false hits of a record missing from the truth file.</summary>
    public const string UnknownRecord = "record_not_in_truth";

    /// <summary>Builds the report of <paramref name="pairs"/> against <paramref name="truth"/>.</summary>
    public static EvaluationReport Build(IReadOnlyList<HitPair> pairs, EvaluationTruth truth, Matchability? matchability)
    {
        Func<RecordRef, RecordRef, bool>? isMatchable = matchability is null ? null : matchability.IsMatchable;
        var quality = MatchQuality.Evaluate(pairs, truth, isMatchable);
        var levels = new List<EvaluationLevel>(quality.Count);
        for (var i = 0; i < quality.Count; i++)
        {
            var minimum = MatchQuality.Levels[i].Minimum;
            var found = new HashSet<(RecordRef, RecordRef)>();
            var falseHits = new CauseCounts();
            foreach (var pair in pairs)
            {
                if (pair.Band < minimum)
                {
                    continue;
                }

                var (a, b) = (new RecordRef(pair.PartyA, pair.RecordA), new RecordRef(pair.PartyB, pair.RecordB));
                found.Add((a, b));
                if (!truth.IsTrue(a, b))
                {
                    var known = truth.PersonOf.ContainsKey(a) && truth.PersonOf.ContainsKey(b);
                    falseHits.Add(truth, a, b, known ? null : UnknownRecord);
                }
            }

            var misses = new CauseCounts();
            foreach (var (a, b) in truth.TruePairs)
            {
                if (!found.Contains((a, b)))
                {
                    misses.Add(truth, a, b, isMatchable is not null && !isMatchable(a, b) ? NotMatchable : null);
                }
            }

            levels.Add(new EvaluationLevel(quality[i], misses, falseHits));
        }

        return new EvaluationReport(levels, pairs.Count, truth.TruePairs.Count, quality.Count > 0 ? quality[0].MatchablePairs : 0);
    }
}

/// <summary>One cumulative band level of an <see cref="EvaluationReport"/>.</summary>
internal sealed record EvaluationLevel(MatchQuality Quality, CauseCounts Misses, CauseCounts FalseHits);
