using System.CommandLine;
using System.Globalization;
using Aquila.Bench;
using Aquila.Bench.Soak;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila bench</c>: the end-to-end load run of src/Aquila.Bench — a real server over mutual TLS on loopback,
/// N parties tokenising and submitting at once, hits, memory per token, restart time — with the Redis baselines on
/// the same tokens when a redis-server is installed, and the PostgreSQL COPY + join baseline when PostgreSQL is.
/// </summary>
internal static class BenchCommand
{
    private const int QuickRecords = 20_000;
    private const int QuickBatchRecords = 4_000;

    public static Command Create()
    {
        var parties = new Option<int>("--parties") { Description = "Simulated parties.", DefaultValueFactory = _ => 6 };
        var records = new Option<int>("--records") { Description = "Records per party.", DefaultValueFactory = _ => 1_000_000 };
        var batchRecords = new Option<int>("--batch-records") { Description = "Records per batch.", DefaultValueFactory = _ => 100_000 };
        var shared = new Option<double>("--shared") { Description = "Fraction of each party's records also held by a neighbouring party.", DefaultValueFactory = _ => 0.1 };
        var seed = new Option<int>("--seed") { Description = "Seed of the synthetic persons.", DefaultValueFactory = _ => 1 };
        var quick = new Option<bool>("--quick") { Description = $"A run under a minute: {QuickRecords:N0} records per party in batches of {QuickBatchRecords:N0}." };
        var json = new Option<bool>("--json") { Description = "Print the figures as JSON (ratios as redis_*_ratio)." };
        var keep = new Option<DirectoryInfo?>("--keep") { Description = "Keep batches, certificates and server data here." };
        var metrics = new Option<string>("--metrics")
        {
            Description = "The server's metrics listener during the run (Server:Metrics:Listen); \"off\" measures without metrics.",
            DefaultValueFactory = _ => Aquila.Server.Options.MetricsOptions.DefaultListen,
        };
        var noRedis = new Option<bool>("--no-redis") { Description = "Skip the Redis baselines." };
        var redisServer = new Option<FileInfo?>("--redis-server") { Description = "The redis-server executable (default: the one on PATH)." };
        var noPostgres = new Option<bool>("--no-postgres") { Description = "Skip the PostgreSQL COPY + join baseline." };
        var stage2 = new Option<bool>("--stage2")
        {
            Description = "Batches carry stage-2 block tokens and comparison vectors (issue 16), as nodes write them for the built-in person schema; without it they carry stage-1 tokens only.",
        };
        var matcherStage2 = new Option<bool>("--matcher-stage2")
        {
            Description = "With --stage2, instead of the server and the baselines: the matcher alone on the same batch files, stage 1 alone, "
                + "stage 2 before each ack and stage 2 after it (the project's worker), each entering Matching; ingest rates, time to all hits, memory per record.",
        };
        var matcherStage2Runs = new Option<string>("--matcher-stage2-runs")
        {
            Description = "With --matcher-stage2: which runs, comma-separated, of stage1, before, after (one per process gives clean memory figures).",
            DefaultValueFactory = _ => "stage1,before,after",
        };
        var matcherSchema = new Option<FileInfo?>("--matcher-schema")
        {
            Description = "With --matcher-stage2: the matcher's match-key schema instead of the built-in one (e.g. other block fanout caps; same blocks and fields).",
        };
        var matcherBacklog = new Option<long?>("--matcher-stage2-backlog")
        {
            Description = "With --matcher-stage2: the worker run's stage-2 backlog cap in records (the server's default is 500,000); without it, no cap.",
        };
        var personsDir = new Option<DirectoryInfo?>("--persons-dir")
        {
            Description = "Each party tokenises its CODE.csv from this `aquila synth` folder (up to --records records) instead of the bench's own persons.",
        };
        var postgresBin = new Option<DirectoryInfo?>("--postgres-bin") { Description = "The folder with PostgreSQL's initdb, postgres and pg_ctl (default: pg_config --bindir)." };
        var soak = new Option<string?>("--soak") { Description = "Instead: a soak run of this duration (90s, 20m, 1h, 1h30m) — mixed load, a sample every --soak-interval, a verdict." };
        var soakInterval = new Option<string>("--soak-interval") { Description = "Soak: time between samples.", DefaultValueFactory = _ => "30s" };
        var soakRotate = new Option<string>("--soak-rotate") { Description = "Soak: a new project this often (the one before is closed and purged).", DefaultValueFactory = _ => "2m" };
        var soakBatch = new Option<int>("--soak-batch-records") { Description = "Soak: records per batch.", DefaultValueFactory = _ => 500 };
        var soakRate = new Option<double>("--soak-rate") { Description = "Soak: records per second each party submits.", DefaultValueFactory = _ => 250 };
        var soakListEntries = new Option<int>("--soak-list-entries") { Description = "Soak: entries each list contributor adds per second (0: no list load).", DefaultValueFactory = _ => 20 };
        var soakQueries = new Option<double>("--soak-queries") { Description = "Soak: signed list queries per second, all contributors together.", DefaultValueFactory = _ => 30 };
        var output = new Option<FileInfo?>("--out") { Description = "Soak: write the samples to this CSV file." };
        var store = new Option<LoadStore>("--store") { Description = "Token store: embedded (one server) or redis (several instances on one Redis).", DefaultValueFactory = _ => LoadStore.Embedded };
        var redis = new Option<string?>("--redis") { Description = "With --store redis: an existing Redis, HOST:PORT[,HOST:PORT...] (default: start a redis-server for the run)." };
        var instances = new Option<int?>("--instances") { Description = "With --store redis: server instances the batches are spread over (default 2)." };
        var cluster = new Option<bool>("--cluster") { Description = "With --store redis and no --redis: start a local 3-master Redis Cluster instead of one redis-server." };
        var redisLayout = new Option<Aquila.Server.Options.RedisStoreLayout>("--redis-layout")
        {
            Description = "With --store redis: postings (token postings in Redis, the default) or log (Redis holds the log of submissions; "
                + "each instance matches in memory).",
            DefaultValueFactory = _ => Aquila.Server.Options.RedisStoreLayout.Postings,
        };
        var noEmbedded = new Option<bool>("--no-embedded") { Description = "With --store redis: skip the embedded store's reference run on the same data (and the ratios)." };
        var command = new Command("bench",
            "Measure the server end to end (ingest, ack latency, hits, memory, restart) against Redis baselines, on the embedded store or on Redis "
            + "with several instances (--store redis); or soak it (--soak).")
        {
            parties, records, batchRecords, shared, seed, quick, json, keep, noRedis, redisServer, soak, soakInterval, soakRotate, soakBatch, soakRate, soakListEntries, soakQueries, output,
            store, redis, instances, cluster, redisLayout, noEmbedded, noPostgres, postgresBin, metrics, stage2, matcherStage2, matcherStage2Runs,
            matcherSchema, matcherBacklog, personsDir, BenchQueryCommand.Create(),
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var isQuick = parse.GetValue(quick);
            var asJson = parse.GetValue(json);
            if (parse.GetValue(soak) is { } soakText)
            {
                if (!SoakDuration.TryParse(soakText, out var duration) || !SoakDuration.TryParse(parse.GetValue(soakInterval), out var interval)
                    || !SoakDuration.TryParse(parse.GetValue(soakRotate), out var rotate))
                {
                    return CliConsole.Fail(ExitCodes.Usage, "--soak, --soak-interval and --soak-rotate take durations such as 90s, 20m, 1h or 1h30m.");
                }

                return await BenchSoak.RunAsync(new SoakOptions
                {
                    Duration = duration,
                    SampleInterval = interval,
                    ProjectLifetime = rotate,
                    Parties = parse.GetValue(parties),
                    RecordsPerBatch = parse.GetValue(soakBatch),
                    RecordsPerSecondPerParty = parse.GetValue(soakRate),
                    ListEntriesPerSecond = parse.GetValue(soakListEntries),
                    ListQueriesPerSecond = parse.GetValue(soakQueries),
                    Seed = parse.GetValue(seed),
                    WorkDirectory = parse.GetValue(keep)?.FullName,
                }, asJson, parse.GetValue(output), cancellationToken);
            }

            var options = new LoadOptions
            {
                Parties = parse.GetValue(parties),
                RecordsPerParty = isQuick ? QuickRecords : parse.GetValue(records),
                RecordsPerBatch = isQuick ? QuickBatchRecords : parse.GetValue(batchRecords),
                SharedFraction = parse.GetValue(shared),
                Seed = parse.GetValue(seed),
                WorkDirectory = parse.GetValue(keep)?.FullName,
                RunRedis = !parse.GetValue(noRedis),
                RedisServerPath = parse.GetValue(redisServer)?.FullName,
                RunPostgres = !parse.GetValue(noPostgres),
                Stage2 = parse.GetValue(stage2),
                MatcherStage2 = parse.GetValue(matcherStage2),
                MatcherStage2Runs = parse.GetValue(matcherStage2Runs)!,
                MatcherSchemaPath = parse.GetValue(matcherSchema)?.FullName,
                MatcherStage2BacklogRecords = parse.GetValue(matcherBacklog),
                PersonsDirectory = parse.GetValue(personsDir)?.FullName,
                PostgresBinDirectory = parse.GetValue(postgresBin)?.FullName,
                Store = parse.GetValue(store),
                Instances = parse.GetValue(instances) ?? (parse.GetValue(store) == LoadStore.Redis ? 2 : 1),
                RedisConfiguration = parse.GetValue(redis),
                RedisCluster = parse.GetValue(cluster),
                RedisLayout = parse.GetValue(redisLayout),
                CompareEmbedded = !parse.GetValue(noEmbedded),
                MetricsListen = parse.GetValue(metrics)!,
            };
            LoadReport report;
            try
            {
                report = await LoadRun.RunAsync(options, line =>
                {
                    if (!asJson)
                    {
                        Console.Out.WriteLine(line);
                    }
                }, cancellationToken);
            }
            catch (ArgumentException e)
            {
                return CliConsole.Fail(ExitCodes.Usage, e.Message);
            }
            catch (LoadSetupException e)
            {
                return CliConsole.Fail(ExitCodes.Usage, e.Message);
            }
            catch (StackExchange.Redis.RedisConnectionException e)
            {
                return CliConsole.Fail(ExitCodes.Unreachable,
                    $"The Redis given with --redis cannot be reached ({e.FailureType}); check HOST:PORT and that Redis is running.");
            }

            return LoadReportOutput.Print(report, asJson, Format);
        });
        return command;
    }

    private static string Format(LoadFigure figure)
    {
        var inv = CultureInfo.InvariantCulture;
        return figure.Unit switch
        {
            "" => figure.Value.ToString("N0", inv),
            "tokens/s" or "records/s" => figure.Value.ToString("N0", inv) + " " + figure.Unit,
            "×" => figure.Value.ToString("F2", inv) + " ×",
            "B" or "MiB" => figure.Value.ToString("F1", inv) + " " + figure.Unit,
            "ms" => figure.Value.ToString("F1", inv) + " ms",
            _ => figure.Value.ToString("F2", inv) + " " + figure.Unit,
        };
    }
}
