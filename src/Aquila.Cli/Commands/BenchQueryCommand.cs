using System.CommandLine;
using System.Globalization;
using Aquila.Load;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila bench query [--entries N] [--queries Q] [--concurrency C] [--json]</c>: hit/no-hit queries per second and
/// latency percentiles over mutual TLS against a list, audited, with a Redis SISMEMBER round trip beside it.
/// </summary>
internal static class BenchQueryCommand
{
    public static Command Create()
    {
        var entries = new Option<int>("--entries") { Description = "Entries on the list.", DefaultValueFactory = _ => 1_000_000 };
        var queries = new Option<int>("--queries") { Description = "Queries to send.", DefaultValueFactory = _ => 20_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Queries in flight at once.", DefaultValueFactory = _ => 16 };
        var hitFraction = new Option<double>("--hit-fraction") { Description = "Share of queries for listed persons.", DefaultValueFactory = _ => 0.5 };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON (p99_ms, queries_per_s, redis_ratio, ...)." };
        var keep = new Option<DirectoryInfo?>("--keep") { Description = "Keep certificates and server data here." };
        var noRedis = new Option<bool>("--no-redis") { Description = "Skip the Redis baseline." };
        var redisServer = new Option<FileInfo?>("--redis-server") { Description = "The redis-server executable (default: the one on PATH)." };
        var command = new Command("query", "Measure signed, audited hit/no-hit list queries over mutual TLS against a Redis SISMEMBER round trip.")
        {
            entries, queries, concurrency, hitFraction, json, keep, noRedis, redisServer,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var asJson = parse.GetValue(json);
            LoadReport report;
            try
            {
                report = await QueryBench.RunAsync(new QueryBenchOptions
                {
                    Entries = parse.GetValue(entries),
                    Queries = parse.GetValue(queries),
                    Concurrency = parse.GetValue(concurrency),
                    HitFraction = parse.GetValue(hitFraction),
                    WorkDirectory = parse.GetValue(keep)?.FullName,
                    RunRedis = !parse.GetValue(noRedis),
                    RedisServerPath = parse.GetValue(redisServer)?.FullName,
                }, line =>
                {
                    if (!asJson)
                    {
                        Console.Out.WriteLine(line);
                    }
                }, cancellationToken);
            }
            catch (ArgumentOutOfRangeException e)
            {
                return CliConsole.Fail(ExitCodes.Usage, e.Message);
            }

            if (asJson)
            {
                var values = new Dictionary<string, object>(StringComparer.Ordinal);
                foreach (var figure in report.Figures)
                {
                    values[figure.Key] = Math.Round(figure.Value, 3);
                }

                values["notes"] = report.Notes;
                CliConsole.WriteJson(values);
                return ExitCodes.Ok;
            }

            var table = new Table().AddColumns("figure", "value", "key");
            foreach (var figure in report.Figures)
            {
                table.AddRow(Markup.Escape(figure.Label), figure.Value.ToString(figure.Unit is "ms" or "×" or "s" ? "F3" : "N0", CultureInfo.InvariantCulture)
                    + " " + figure.Unit, figure.Key);
            }

            AnsiConsole.Write(table);
            foreach (var note in report.Notes)
            {
                Console.Out.WriteLine(note);
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
