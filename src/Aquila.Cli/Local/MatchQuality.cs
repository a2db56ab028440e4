using Aquila.Tokens.Keys;

namespace Aquila.Cli.Local;

/// <summary>
/// Precision and recall of hit pairs against known truth, per band cumulatively (strong; strong + probable; all).
/// A true pair is two records of one person held by two different parties.
/// </summary>
internal sealed record MatchQuality(string Bands, long Hits, long TruePositives, long TruePairs)
{
    public double Precision => Hits == 0 ? 1.0 : (double)TruePositives / Hits;

    public double Recall => TruePairs == 0 ? 1.0 : (double)TruePositives / TruePairs;

    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Evaluates <paramref name="pairs"/>; <paramref name="personOf"/> maps (party, record id) to a person id.</summary>
    public static IReadOnlyList<MatchQuality> Evaluate(IReadOnlyList<HitPair> pairs, IReadOnlyDictionary<(string Party, string Record), string> personOf)
    {
        var truePairs = CountTruePairs(personOf);
        var levels = new (string Name, MatchBand Minimum)[]
        {
            ("strong", MatchBand.Strong), ("strong+probable", MatchBand.Probable), ("all", MatchBand.Possible),
        };
        var result = new List<MatchQuality>();
        foreach (var (name, minimum) in levels)
        {
            long hits = 0, correct = 0;
            foreach (var pair in pairs)
            {
                if (pair.Band < minimum)
                {
                    continue;
                }

                hits++;
                if (personOf.TryGetValue((pair.PartyA, pair.RecordA), out var a) && personOf.TryGetValue((pair.PartyB, pair.RecordB), out var b)
                    && a == b)
                {
                    correct++;
                }
            }

            result.Add(new MatchQuality(name, hits, correct, truePairs));
        }

        return result;
    }

    private static long CountTruePairs(IReadOnlyDictionary<(string Party, string Record), string> personOf)
    {
        long pairs = 0;
        foreach (var person in personOf.GroupBy(kv => kv.Value, StringComparer.Ordinal))
        {
            var parties = person.Select(kv => kv.Key.Party).ToList();
            for (var i = 0; i < parties.Count; i++)
            {
                for (var j = i + 1; j < parties.Count; j++)
                {
                    pairs += parties[i] == parties[j] ? 0 : 1;
                }
            }
        }

        return pairs;
    }
}
