using System.CommandLine;
using System.Diagnostics;
using Aquila.Cli.Local;
using Aquila.Synthetic;
using Aquila.Tokens.Input;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila demo</c>: the whole service on one machine with no setup: a CA and certificates, the server on a free
/// loopback port with mutual TLS, six parties' nodes with synthetic records, submission, each party's hits, and
/// precision/recall against the synthetic truth.
/// </summary>
internal static class DemoCommand
{
    private static readonly string[] Parties = ["RS", "BA", "ME", "MK", "AL", "XK"];

    public static Command Create()
    {
        var persons = new Option<int>("--persons") { Description = "Synthetic persons to generate.", DefaultValueFactory = _ => 2000 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic data.", DefaultValueFactory = _ => 1 };
        var keep = new Option<DirectoryInfo?>("--keep") { Description = "Keep every file of the run (data, certificates, batches) here." };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON." };
        var command = new Command("demo", "Run Aquila end to end on this machine: six parties, synthetic records, real mutual TLS.")
        {
            persons, seed, keep, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var clock = Stopwatch.StartNew();
            var kept = parse.GetValue(keep)?.FullName;
            var work = kept ?? Path.Combine(Path.GetTempPath(), "aquila-demo-" + Guid.NewGuid().ToString("N"));
            var quiet = parse.GetValue(json);
            try
            {
                var data = SyntheticGenerator.Generate(new SynthOptions
                {
                    Persons = parse.GetValue(persons), Seed = parse.GetValue(seed), Parties = Parties,
                });
                var exports = Path.Combine(work, "exports");
                SyntheticDatasetWriter.Write(data, exports);
                Say(quiet, $"Generated {data.PersonCount:N0} synthetic persons held as {data.Truth.Count:N0} records by {Parties.Length} parties.");

                await using var run = await LocalMatchingRun.StartAsync(work, Path.Combine(work, "server"), "demo", Parties, null, cancellationToken);
                Say(quiet, $"Server listening on {run.Server.Address} (mutual TLS; every party has its own certificate).");

                var perParty = new Table().AddColumns("party", "records", "tokenised", "rejected", "tokens", "hits");
                var summaries = Parties.ToDictionary(p => p, p => run.Tokenize(p,
                    Path.Combine(exports, SyntheticDatasetWriter.PartyFileName(p)), ColumnMap.Default, cancellationToken));
                await Task.WhenAll(Parties.Select(p => run.SubmitAsync(p, cancellationToken)));
                var views = new List<ResolvedHit>();
                foreach (var party in Parties)
                {
                    var hits = await run.HitsAsync(party, cancellationToken);
                    views.AddRange(hits);
                    var s = summaries[party];
                    perParty.AddRow(party, $"{s.RecordsRead:N0}", $"{s.RecordsTokenized:N0}", $"{s.RecordsRejected:N0}", $"{s.Tokens:N0}", $"{hits.Count:N0}");
                }

                var pairs = HitPair.Join(views);
                var personOf = data.Truth.ToDictionary(t => (t.Party, t.RecordId), t => t.PersonId);
                var quality = MatchQuality.Evaluate(pairs, personOf);
                Report(quiet, perParty, quality, pairs.Count, clock.Elapsed);
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

    private static void Report(bool json, Table perParty, IReadOnlyList<MatchQuality> quality, int hits, TimeSpan elapsed)
    {
        if (json)
        {
            CliConsole.WriteJson(new
            {
                Hits = hits,
                Quality = quality.Select(q => new { q.Bands, q.Hits, q.TruePositives, q.TruePairs, q.Precision, q.Recall, q.F1 }),
                Seconds = elapsed.TotalSeconds,
            });
            return;
        }

        AnsiConsole.Write(perParty);
        var table = new Table().AddColumns("bands", "hits", "correct", "true pairs", "precision", "recall", "F1");
        foreach (var q in quality)
        {
            table.AddRow(q.Bands, $"{q.Hits:N0}", $"{q.TruePositives:N0}", $"{q.TruePairs:N0}", $"{q.Precision:P2}", $"{q.Recall:P2}", $"{q.F1:F3}");
        }

        AnsiConsole.Write(table);
        Console.Out.WriteLine($"{hits:N0} hits between parties, each seen by both sides with only its own record. Done in {elapsed.TotalSeconds:F1} s.");
    }
}
