using Aquila.Cli.Local;
using Aquila.Node.Hits;
using Aquila.Tokens.Input;

namespace Aquila.Cli.Evaluation;

/// <summary>
/// Writes the pairs an evaluation got wrong, for a person tuning a schema on test data: every true pair found in no
/// band (kind "miss", or "miss_unmatchable"), found only below strong ("weak"), and every false hit ("false_hit").
/// Record ids only, never field values.
/// </summary>
internal static class ErrorPairsWriter
{
    public static void Write(string path, IReadOnlyList<HitPair> pairs, EvaluationTruth truth, Matchability matchability)
    {
        var hits = new Dictionary<(RecordRef, RecordRef), HitPair>();
        foreach (var pair in pairs)
        {
            hits[(new RecordRef(pair.PartyA, pair.RecordA), new RecordRef(pair.PartyB, pair.RecordB))] = pair;
        }

        using var writer = new StreamWriter(path, append: false, new System.Text.UTF8Encoding(false)) { NewLine = "\n" };
        writer.WriteLine("kind,party_a,record_a,party_b,record_b,band,keys");
        foreach (var (a, b) in truth.TruePairs)
        {
            if (!hits.TryGetValue((a, b), out var hit))
            {
                Row(writer, matchability.IsMatchable(a, b) ? "miss" : "miss_unmatchable", a, b, null);
            }
            else if (hit.Band != Tokens.Keys.MatchBand.Strong)
            {
                Row(writer, "weak", a, b, hit);
            }
        }

        foreach (var pair in pairs)
        {
            var (a, b) = (new RecordRef(pair.PartyA, pair.RecordA), new RecordRef(pair.PartyB, pair.RecordB));
            if (!truth.IsTrue(a, b))
            {
                Row(writer, "false_hit", a, b, pair);
            }
        }
    }

    private static void Row(StreamWriter writer, string kind, RecordRef a, RecordRef b, HitPair? hit) =>
        writer.WriteLine(string.Join(',', kind, a.Party, CsvCell.Escape(a.Record), b.Party, CsvCell.Escape(b.Record),
            hit is null ? "" : BandNames.Of(hit.Band), hit is null ? "" : string.Join(';', hit.Keys)));
}
