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
        bool inProcess, TimeSpan elapsed, (EvaluationReport Report, Stage2InProcess.Result Result)? stage2 = null) =>
        File.WriteAllText(path, JsonSerializer.Serialize(Shape(report, schema, exports, inProcess, elapsed, stage2), Options));

    internal static object Shape(EvaluationReport report, MatchKeySchema schema, IReadOnlyList<PartyExport> exports, bool inProcess,
        TimeSpan elapsed, (EvaluationReport Report, Stage2InProcess.Result Result)? stage2 = null) => new
        {
            Schema = new { schema.Source, schema.Version, Sha256 = schema.HashHex },
            Path = inProcess ? "in-process" : "server",
            Parties = exports.Select(e => new { e.Party, Records = e.Records.Count, e.RowsRejected }),
            report.Hits,
            report.TruePairs,
            report.MatchablePairs,
            Levels = Levels(report),
            Stage2 = stage2 is { } second ? Stage2(second.Report, second.Result) : null,
            Seconds = Math.Round(elapsed.TotalSeconds, 2),
        };

    // Stage 1 + 2: the same per-band figures, the candidate count and the model fitted on this run (per factor and cell).
    private static object Stage2(EvaluationReport report, Stage2InProcess.Result result) => new
    {
        report.Hits,
        result.Candidates,
        result.Patterns,
        result.Model.Prior,
        Thresholds = new { result.Thresholds.Strong, result.Thresholds.Probable, result.Thresholds.Possible },
        RelatedPrior = result.Model.HasRelated ? result.Model.RelatedPrior : (double?)null,
        Levels = Levels(report),
        Model = Enumerable.Range(0, result.Model.Fields.FactorCount).Select(k => new
        {
            Fields = result.Model.Fields.FactorFields(k).Select(f => result.Model.Fields.Names[f]),
            Cells = Enumerable.Range(0, result.Model.Fields.FactorCells(k)).Select(c => new
            {
                Agreement = result.Model.Fields.DescribeCell(k, c),
                M = result.Model.FactorM(k, c),
                U = result.Model.FactorU(k, c),
                R = result.Model.HasRelated ? result.Model.FactorR(k, c) : (double?)null,
                Weight = Math.Log2(result.Model.FactorM(k, c) / result.Model.FactorU(k, c)),
            }),
        }),
    };

    private static IEnumerable<object> Levels(EvaluationReport report) => report.Levels.Select(l => new
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
    });
}
