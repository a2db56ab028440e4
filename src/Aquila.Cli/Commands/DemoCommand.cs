using System.CommandLine;
using System.Diagnostics;
using Aquila.Cli.Evaluation;
using Aquila.Cli.Local;
using Aquila.Synthetic;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila demo</c>: the whole service on one machine with no setup: a CA and certificates, the server on a free
/// loopback port with mutual TLS, six parties' nodes with synthetic records, submission, each party's hits, and
/// precision/recall against the synthetic truth. <c>--type vehicles</c> runs it on synthetic vehicles under the built-in
/// vehicle schema.
/// </summary>
internal static class DemoCommand
{
    private static readonly string[] Parties = ["RS", "BA", "ME", "MK", "AL", "XK"];

    public static Command Create()
    {
        var persons = new Option<int>("--persons") { Description = "Synthetic persons to generate.", DefaultValueFactory = _ => 2000 };
        var type = new Option<string>("--type") { Description = "Record type: persons or vehicles.", DefaultValueFactory = _ => "persons" };
        type.AcceptOnlyFromAmong("persons", "person", "vehicles", "vehicle");
        var vehicles = new Option<int>("--vehicles") { Description = "With --type vehicles: synthetic vehicles to generate.", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data.", DefaultValueFactory = _ => 1 };
        var keep = new Option<DirectoryInfo?>("--keep") { Description = "Keep every file of the run (data, certificates, batches) here." };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var inbox = new Option<bool>("--inbox")
        {
            Description = "Afterwards keep the first party's hit inbox open on a loopback port and print its address (Ctrl+C ends the demo).",
        };
        var command = new Command("demo",
            "Run Aquila end to end on this machine: a coordinated project, its key ceremony, six parties, synthetic records, real mutual TLS.")
        {
            persons, type, vehicles, seed, keep, json, inbox,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var kept = parse.GetValue(keep)?.FullName;
            var work = kept ?? Path.Combine(Path.GetTempPath(), "aquila-demo-" + Guid.NewGuid().ToString("N"));
            var quiet = parse.GetValue(json);
            try
            {
                var onVehicles = parse.GetValue(type) is "vehicles" or "vehicle";
                if (onVehicles && parse.GetValue(inbox))
                {
                    return CliConsole.Fail(ExitCodes.Usage, "--inbox shows person hits; run the vehicle demo without it.");
                }

                var exports = Path.Combine(work, "exports");
                var truth = onVehicles
                    ? DemoData.Vehicles(parse.GetValue(vehicles), parse.GetValue(seed), Parties, exports, line => Say(quiet, line))
                    : DemoData.Persons(parse.GetValue(persons), parse.GetValue(seed), Parties, exports, line => Say(quiet, line));

                var schema = onVehicles ? MatchKeySchema.Vehicles : MatchKeySchema.Default;
                await using var run = await LocalMatchingRun.StartAsync(work, Path.Combine(work, "server"), "demo", Parties, null,
                    cancellationToken, coordinated: true, builtInSchema: schema);
                Say(quiet, $"Server listening on {run.Server.Address} (mutual TLS; the coordinator and every party have their own certificate).");
                var fingerprint = await run.RunProjectThroughCeremonyAsync(
                    party => truth.Count(t => t.Party == party), cancellationToken);
                Say(quiet, $"Key ceremony done through the coordinator's relay; every node derived the project key. Fingerprint: {fingerprint}.");
                var summaries = Parties.Select(p => run.Tokenize(p,
                    Path.Combine(exports, SyntheticDatasetWriter.PartyFileName(p)), ColumnMap.Default, cancellationToken)).ToArray();
                await Task.WhenAll(Parties.Select(p => run.SubmitAsync(p, cancellationToken)));
                await run.StartMatchingAsync(cancellationToken);
                Say(quiet, "Every party submitted; the coordinator moved the project to Matching, which releases the hits.");
                var views = new List<ResolvedHit>();
                foreach (var party in Parties)
                {
                    views.AddRange(await run.HitsAsync(party, cancellationToken));
                }

                var pairs = HitPair.Join(views);
                var perParty = new Table().AddColumns("party", "records", "tokenised", "rejected", "tokens", "hits");
                for (var i = 0; i < Parties.Length; i++)
                {
                    var s = summaries[i];
                    var hits = pairs.Count(p => p.PartyA == Parties[i] || p.PartyB == Parties[i]);
                    perParty.AddRow(Parties[i], $"{s.RecordsRead:N0}", $"{s.RecordsTokenized:N0}", $"{s.RecordsRejected:N0}", $"{s.Tokens:N0}", $"{hits:N0}");
                }

                var indicators = await run.IndicatorsMarkdownAsync(cancellationToken);
                var personOf = truth.ToDictionary(t => (t.Party, t.RecordId), t => t.PersonId);
                var quality = MatchQuality.Evaluate(pairs, personOf);
                var stages = DemoStageComparison.Build(schema, Parties, exports, truth, pairs);
                Report(quiet, perParty, RejectFilesNote.For(kept, "--keep"), quality, stages, pairs.Count, clock.Elapsed);
                if (!quiet)
                {
                    Console.Out.WriteLine();
                    Console.Out.WriteLine("Indicators (as the coordinator sees them):");
                    Console.Out.WriteLine(indicators);
                }

                if (parse.GetValue(inbox))
                {
                    await DemoInbox.RunAsync(run, Parties[0], Path.Combine(exports, SyntheticDatasetWriter.PartyFileName(Parties[0])),
                        Path.Combine(work, "inbox"), cancellationToken);
                }

                return ExitCodes.Ok;
            }
            finally
            {
                if (kept is null && Directory.Exists(work))
                {
                    Directory.Delete(work, recursive: true);
                }
            }
        });
        return command;
    }

    private static void Say(bool quiet, string line)
    {
        if (!quiet)
        {
            Console.Out.WriteLine(line);
        }
    }

    private static void Report(bool json, Table perParty, string rejectNote, IReadOnlyList<MatchQuality> quality, DemoStageComparison? stages,
        int hits, TimeSpan elapsed)
    {
        if (json)
        {
            // quality: the service's hits (stage 1 + 2 when the schema scores); stage1Quality: stage 1 alone on the same exports.
            CliConsole.WriteJson(new
            {
                Hits = hits,
                Quality = quality.Select(Figures),
                Stage1Hits = stages?.Stage1.Hits,
                Stage1Quality = stages?.Stage1.Levels.Select(l => Figures(l.Quality)),
                Seconds = elapsed.TotalSeconds,
            });
            return;
        }

        AnsiConsole.Write(perParty);
        Console.Out.WriteLine(rejectNote);
        var table = new Table().AddColumns("bands", "hits", "correct", "true pairs", "precision", "recall", "F1");
        foreach (var q in quality)
        {
            table.AddRow(q.Bands, $"{q.Hits:N0}", $"{q.TruePositives:N0}", $"{q.TruePairs:N0}", $"{q.Precision:P2}", $"{q.Recall:P2}", $"{q.F1:F3}");
        }

        AnsiConsole.Write(table);
        if (stages is not null)
        {
            Console.Out.WriteLine("Stage 1 alone (the same exports, stage-1 keys only, in this process) and stage 1 + 2 (the service's hits), side by side:");
            StageComparisonTable.Write(stages.Stage1, stages.Stage1And2);
        }

        Console.Out.WriteLine($"{hits:N0} hits between parties, each seen by both sides with only its own record. Done in {elapsed.TotalSeconds:F1} s.");
    }

    private static object Figures(MatchQuality q) => new { q.Bands, q.Hits, q.TruePositives, q.TruePairs, q.Precision, q.Recall, q.F1 };
}
