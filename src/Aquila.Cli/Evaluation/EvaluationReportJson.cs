using System.Text.Json;
using Aquila.Cli.Local;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Evaluation;

/// <summary>Writes an <see cref="EvaluationReport"/> as JSON (snake_case), for scripts and for docs/matching.md.</summary>
internal static class EvaluationReportJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
    };

    public static void Write(string path, EvaluationReport report, MatchKeySchema schema, IReadOnlyList<PartyExport> exports,
        bool inProcess, TimeSpan elapsed) =>
        File.WriteAllText(path, JsonSerializer.Serialize(Shape(report, schema, exports, inProcess, elapsed), Options));

    internal static object Shape(EvaluationReport report, MatchKeySchema schema, IReadOnlyList<PartyExport> exports, bool inProcess,
        TimeSpan elapsed) => new
        {
            Schema = new { schema.Source, schema.Version, Sha256 = schema.HashHex },
            Path = inProcess ? "in-process" : "server",
            Parties = exports.Select(e => new { e.Party, Records = e.Records.Count, e.RowsRejected }),
            report.Hits,
            report.TruePairs,
            report.MatchablePairs,
            Levels = report.Levels.Select(l => new
            {
                l.Quality.Bands,
                l.Quality.Hits,
                Correct = l.Quality.TruePositives,
                l.Quality.Precision,
                l.Quality.Recall,
                l.Quality.F1,
                MatchableFound = l.Quality.MatchablePositives,
                l.Quality.MatchableRecall,
                Misses = l.Misses.Pairs,
                MissesByCause = l.Misses.Ranked().ToDictionary(kv => kv.Key, kv => kv.Value),
                FalseHits = l.FalseHits.Pairs,
                FalseHitsByCause = l.FalseHits.Ranked().ToDictionary(kv => kv.Key, kv => kv.Value),
            }),
            Seconds = Math.Round(elapsed.TotalSeconds, 2),
        };
}
