using System.CommandLine;
using System.Diagnostics;
using Aquila.Cli.Evaluation;
using Aquila.Cli.Local;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila eval --parties DIR --truth truth.csv</c>: a dry run of a project on data with known truth, then
/// precision, recall and F1 per cumulative band, recall on matchable pairs, and misses and false hits by cause.
/// </summary>
internal static class EvalCommand
{
    private const int CausesShown = 8;

    public static Command Create()
    {
        var parties = new Option<DirectoryInfo>("--parties") { Description = "Folder with one CSV per party (RS.csv, BA.csv, ...).", Required = true };
        var truth = new Option<FileInfo?>("--truth") { Description = "truth.csv: person_id,party,record_id. Default: truth.csv in the --parties folder (as aquila synth writes it)." };
        var variations = new Option<FileInfo?>("--variations") { Description = "variations.csv (party,record_id,person_id,variation): misses and false hits by cause. Default: variations.csv in the --parties folder, if there." };
        var columns = new Option<FileInfo?>("--columns") { Description = "Column-map JSON for the exports." };
        var schema = new Option<FileInfo?>("--schema") { Description = "A match-key schema file instead of the built-in one." };
        var json = new Option<FileInfo?>("--json") { Description = "Also write the full report as JSON to this file." };
        var errors = new Option<FileInfo?>("--errors")
        {
            Description = "Write the missed, weak and false pairs (record ids only) to this CSV; with --stage2 also stage 1 + 2's to <name>.stage2.csv.",
        };
        var inProcess = new Option<bool>("--in-process") { Description = "Match in this process without the server (faster, same hits)." };
        var stage2 = new Option<bool>("--stage2")
        {
            Description = "Also run stage 2 (block-salted comparison vectors scored by a Fellegi-Sunter model fitted by EM on this run's "
                + "candidates; in this process) and print stage 1 + 2 next to stage 1.",
        };
        var command = new Command("eval", "Measure matching quality on data with known truth: precision, recall and F1 per band.")
        {
            parties, truth, variations, columns, schema, json, errors, inProcess, stage2,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var csvs = PartyFiles.In(parse.GetValue(parties)!.FullName);
            if (csvs.Length < 2)
            {
                return CliConsole.Fail(ExitCodes.BadInput, "--parties needs at least two CSV files named by party code (e.g. RS.csv, BA.csv).");
            }

            ColumnMap map;
            MatchKeySchema keys;
            EvaluationTruth known;
            try
            {
                map = parse.GetValue(columns) is { } c ? ColumnMap.Load(c.FullName) : ColumnMap.Default;
                keys = parse.GetValue(schema) is { } s ? MatchKeySchema.Load(s.FullName) : MatchKeySchema.Default;
                var folder = parse.GetValue(parties)!.FullName;
                var besideVariations = Path.Combine(folder, "variations.csv");
                known = EvaluationTruth.Load(parse.GetValue(truth)?.FullName ?? Path.Combine(folder, "truth.csv"),
                    parse.GetValue(variations)?.FullName ?? (File.Exists(besideVariations) ? besideVariations : null));
            }
            catch (Exception e) when (e is ColumnMapException or MatchKeySchemaException or FormatException or IOException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            try
            {
                if (parse.GetValue(stage2) && keys.Scoring is null)
                {
                    return CliConsole.Fail(ExitCodes.Usage, "--stage2 needs a schema with a \"scoring\" section; "
                        + keys.Source + " (record type " + RecordTypes.Name(keys.RecordType) + ") has none.");
                }

                // The record type comes from the schema: a vehicle schema reads the exports as vehicle records.
                var exports = csvs.Select(p => PartyExport.Load(Path.GetFileNameWithoutExtension(p), p, map, keys.RecordType)).ToList();
                List<HitPair> pairs;
                if (parse.GetValue(inProcess))
                {
                    pairs = InProcessMatching.Run(exports, keys);
                }
                else
                {
                    var work = Path.Combine(Path.GetTempPath(), "aquila-eval-" + Guid.NewGuid().ToString("N"));
                    try
                    {
                        (pairs, _) = await ServerMatching.RunAsync(work, [.. exports.Select(e => (e.Party, e.Path))], map,
                            parse.GetValue(schema)?.FullName, cancellationToken);
                    }
                    finally
                    {
                        if (Directory.Exists(work))
                        {
                            Directory.Delete(work, recursive: true);
                        }
                    }
                }

                var matchability = new Matchability(exports);
                var report = EvaluationReport.Build(pairs, known, matchability);
                if (parse.GetValue(errors) is { } errorFile)
                {
                    ErrorPairsWriter.Write(errorFile.FullName, pairs, known, matchability);
                }

                Print(report, keys, exports, known.HasVariations, clock.Elapsed);
                (EvaluationReport, Stage2InProcess.Result)? stage2Report = null;
                if (parse.GetValue(stage2))
                {
                    var second = Stage2InProcess.Run(exports, keys, pairs);
                    var secondReport = EvaluationReport.Build(second.Pairs, known, matchability);
                    stage2Report = (secondReport, second);
                    if (parse.GetValue(errors) is { } stage2Errors)
                    {
                        // Stage 1 + 2's misses, weak and false pairs beside stage 1's (keys: the agreement levels).
                        ErrorPairsWriter.Write(Path.ChangeExtension(stage2Errors.FullName, ".stage2.csv"), second.Pairs, known, matchability);
                    }

                    Console.Out.WriteLine();
                    Console.Out.WriteLine($"Stage 1 + 2: {second.Candidates:N0} candidate pairs ({second.Patterns:N0} agreement patterns), "
                        + $"model fitted by EM on them: prior {second.Model.Prior:F4}.");
                    Console.Out.WriteLine(Stage2ModelTable.Thresholds(second.Thresholds, keys.Scoring!));
                    Stage2ModelTable.Write(second.Model);
                    Print(secondReport, keys, exports, known.HasVariations, clock.Elapsed);
                    Console.Out.WriteLine();
                    Console.Out.WriteLine("Stage 1 alone and stage 1 + 2, side by side:");
                    StageComparisonTable.Write(report, secondReport);
                }

                if (parse.GetValue(json) is { } jsonFile)
                {
                    EvaluationReportJson.Write(jsonFile.FullName, report, keys, exports, parse.GetValue(inProcess), clock.Elapsed, stage2Report);
                    Console.Out.WriteLine($"Report written to {jsonFile.FullName}.");
                }

                return ExitCodes.Ok;
            }
            catch (InputFormatException e)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }
        });
        return command;
    }

    private static void Print(EvaluationReport report, MatchKeySchema schema, List<PartyExport> exports, bool causes, TimeSpan elapsed)
    {
        Console.Out.WriteLine($"{exports.Sum(e => e.Records.Count):N0} records of {exports.Count} parties, schema {schema.Source} "
            + $"({schema.HashHex[..12]}), {report.TruePairs:N0} true pairs of which {report.MatchablePairs:N0} matchable, {report.Hits:N0} hits.");
        var table = new Table().AddColumn(new TableColumn("bands").NoWrap())
            .AddColumns("hits", "correct", "precision", "recall", "F1", "matchable");
        foreach (var level in report.Levels)
        {
            var q = level.Quality;
            table.AddRow(q.Bands, $"{q.Hits:N0}", $"{q.TruePositives:N0}", $"{q.Precision:F4}", $"{q.Recall:F4}", $"{q.F1:F4}", $"{q.MatchableRecall:F4}");
        }

        AnsiConsole.Write(table);
        Console.Out.WriteLine(schema.RecordType == RecordType.Vehicle
            ? "matchable: recall on the true pairs whose records share a VIN, or a plate with a country or make on both."
            : "matchable: recall on the true pairs whose records share a national id, a document number, or a name and a birth year.");
        if (!causes)
        {
            Console.Out.WriteLine("Give --variations for misses and false hits by cause.");
        }
        else
        {
            var strong = report.Levels[0];
            var all = report.Levels[^1];
            AnsiConsole.Write(CauseTable($"misses, all bands ({all.Misses.Pairs:N0})", all.Misses));
            AnsiConsole.Write(CauseTable($"misses, strong ({strong.Misses.Pairs:N0})", strong.Misses));
            AnsiConsole.Write(CauseTable($"false hits, all bands ({all.FalseHits.Pairs:N0})", all.FalseHits));
            AnsiConsole.Write(CauseTable($"false hits, strong ({strong.FalseHits.Pairs:N0})", strong.FalseHits));
        }

        Console.Out.WriteLine($"Done in {elapsed.TotalSeconds:F1} s.");
    }

    private static Table CauseTable(string title, CauseCounts counts)
    {
        var table = new Table().AddColumn(new TableColumn(title).NoWrap()).AddColumns("pairs");
        foreach (var (cause, count) in counts.Ranked().Take(CausesShown))
        {
            table.AddRow(cause, $"{count:N0}");
        }

        return table;
    }
}
