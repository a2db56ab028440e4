using System.CommandLine;
using System.Globalization;
using Aquila.Bench;

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
        var warmup = new Option<int>("--warmup") { Description = "Queries sent first and not measured (JIT warm-up).", DefaultValueFactory = _ => 10_000 };
        var concurrency = new Option<int>("--concurrency") { Description = "Queries in flight at once.", DefaultValueFactory = _ => 16 };
        var rate = new Option<double>("--rate") { Description = "Offer this many queries/s whatever the answers (open loop, up to --concurrency in flight); default: closed loop." };
        var hitFraction = new Option<double>("--hit-fraction") { Description = "Share of queries for listed persons.", DefaultValueFactory = _ => 0.5 };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON (p99_ms, queries_per_s, redis_ratio, ...)." };
        var keep = new Option<DirectoryInfo?>("--keep") { Description = "Keep certificates and server data here." };
        var serverProcess = new Option<bool>("--server-process")
        {
            Description = "Run the server as `aquila server` in a process of its own (as deployed) and report its CPU apart; default: in this process.",
        };
        var bulk = new Option<int>("--bulk")
        {
            Description = "Also send this many persons as bulk checks (`node check`) and report persons/s (bulk_persons_per_s); default: none.",
        };
        var serverEnv = new Option<string[]>("--server-env")
        {
            Description = "NAME=VALUE set in the server process's environment only (with --server-process; repeatable), e.g. a runtime knob to compare.",
            AllowMultipleArgumentsPerToken = false,
        };
        var noRedis = new Option<bool>("--no-redis") { Description = "Skip the Redis baseline." };
        var redisServer = new Option<FileInfo?>("--redis-server") { Description = "The redis-server executable (default: the one on PATH)." };
        var command = new Command("query", "Measure signed, audited hit/no-hit list queries over mutual TLS against a Redis SISMEMBER round trip.")
        {
            entries, queries, warmup, concurrency, rate, hitFraction, json, keep, serverProcess, serverEnv, noRedis, redisServer, bulk,
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
                    WarmupQueries = parse.GetValue(warmup),
                    Concurrency = parse.GetValue(concurrency),
                    Rate = parse.GetValue(rate),
                    HitFraction = parse.GetValue(hitFraction),
                    WorkDirectory = parse.GetValue(keep)?.FullName,
                    ServerCommand = parse.GetValue(serverProcess) ? AquilaCommandLine() : null,
                    RunRedis = !parse.GetValue(noRedis),
                    RedisServerPath = parse.GetValue(redisServer)?.FullName,
                    BulkPersons = parse.GetValue(bulk),
                    ServerEnvironment = ServerEnvironment(parse.GetValue(serverEnv) ?? []),
                }, line =>
                {
                    // With --json standard output holds only the report; progress (and the server's pid, for a profiler) goes to standard error.
                    (asJson ? Console.Error : Console.Out).WriteLine(line);
                }, cancellationToken);
            }
            catch (ArgumentOutOfRangeException e)
            {
                return CliConsole.Fail(ExitCodes.Usage, e.Message);
            }

            return LoadReportOutput.Print(report, asJson, Format);
        });
        return command;
    }

    // NAME=VALUE pairs; a malformed one is a usage error (thrown as ArgumentOutOfRangeException, like the bench's own checks).
    private static Dictionary<string, string> ServerEnvironment(string[] pairs)
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals < 1)
            {
                throw new ArgumentOutOfRangeException("--server-env", pair, "--server-env takes NAME=VALUE.");
            }

            environment[pair[..equals]] = pair[(equals + 1)..];
        }

        return environment;
    }

    // How this program was started: the apphost, or `dotnet aquila.dll`.
    private static string[] AquilaCommandLine()
    {
        var program = Environment.ProcessPath ?? "dotnet";
        return string.Equals(Path.GetFileNameWithoutExtension(program), "dotnet", StringComparison.OrdinalIgnoreCase)
            ? [program, typeof(BenchQueryCommand).Assembly.Location]
            : [program];
    }

    // Counts per query are often fractions (0.05 audit commits, 3.2 work items): small values keep three decimals.
    private static string Format(LoadFigure figure) =>
        figure.Value.ToString(figure.Unit is "ms" or "×" or "s" ? "F3" : Math.Abs(figure.Value) < 100 ? "0.###" : "N0", CultureInfo.InvariantCulture)
        + " " + figure.Unit;
}
