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

                var (pairs, summaries) = await ServerMatching.RunAsync(work,
                    Parties.Select(p => (p, Path.Combine(exports, SyntheticDatasetWriter.PartyFileName(p)))).ToList(), ColumnMap.Default,
                    null, cancellationToken, projectId: "demo");
                Say(quiet, "Each party's node tokenised its records, submitted them to the server over mutual TLS (its own certificate), and read its hits.");
                var perParty = new Table().AddColumns("party", "records", "tokenised", "rejected", "tokens", "hits");
                for (var i = 0; i < Parties.Length; i++)
                {
                    var s = summaries[i];
                    var hits = pairs.Count(p => p.PartyA == Parties[i] || p.PartyB == Parties[i]);
                    perParty.AddRow(Parties[i], $"{s.RecordsRead:N0}", $"{s.RecordsTokenized:N0}", $"{s.RecordsRejected:N0}", $"{s.Tokens:N0}", $"{hits:N0}");
                }

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
