using System.Diagnostics;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Node.Lists;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Hosting;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Aquila.Bench;

/// <summary>
/// <c>aquila bench query</c>: a real server on loopback with a list of N entries (one contributor, synthetic tokens), a
/// querier sending signed two-token queries at a fixed concurrency, each audited — queries/s and latency percentiles;
/// then a Redis SISMEMBER round trip over the same number of members at the same concurrency, for context (a ceiling
/// without signatures, access checks, quotas or audit).
/// </summary>
public static class QueryBench
{
    private const string ListId = "bench-list";
    private const int EntriesPerChange = 50_000;

    /// <summary>Runs the measurement; <paramref name="say"/> gets progress lines.</summary>
    public static async Task<LoadReport> RunAsync(QueryBenchOptions options, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        options.Validate();
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "aquila-bench-query-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            var report = new LoadReport();
            var queries = Queries(options, options.Queries, seed: 7);
            await RunAquilaAsync(options, work, queries, report, say, cancellationToken);
            await RunRedisAsync(options, work, queries, report, say, cancellationToken);
            return report;
        }
        finally
        {
            if (options.WorkDirectory is null && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task RunAquilaAsync(QueryBenchOptions options, string work, byte[][] queries, LoadReport report, Action<string> say,
        CancellationToken cancellationToken)
    {
        using var pki = LocalPki.Create(Path.Combine(work, "pki"));
        var serverOptions = LocalServerOptions.For(pki, work);
        using var contributor = NodeIdentity.Load(pki.IssueIdentity("RS", PartyRole.Node));
        using var querier = NodeIdentity.Load(pki.IssueIdentity("BA", PartyRole.Node));
        using var coordinatorIdentity = NodeIdentity.Load(pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator));
        ServerChildProcess? child = null;
        AquilaServer? inProcess = null;
        Uri? metricsUri = null;
        if (options.ServerCommand is { Count: > 0 } command)
        {
            say("Starting the server in a process of its own...");
            // A fixed loopback port for the metrics listener, so the driver can read the server's counters.
            var metricsPort = LoopbackPort.Free();
            serverOptions.Metrics.Listen = FormattableString.Invariant($"127.0.0.1:{metricsPort}");
            metricsUri = new Uri(FormattableString.Invariant($"http://127.0.0.1:{metricsPort}{serverOptions.Metrics.Path}"));
            var config = await ServerChildProcess.WriteConfigAsync(serverOptions, work, cancellationToken);
            child = await ServerChildProcess.StartAsync(command, config, LoopbackPort.Free(), work, Path.Combine(work, "server.log"),
                TimeSpan.FromSeconds(60), cancellationToken, options.ServerEnvironment);
            say(FormattableString.Invariant($"Server process {child.ProcessId} listening."));
        }
        else
        {
            inProcess = await AquilaServer.StartAsync(serverOptions, Quiet, cancellationToken);
            metricsUri = inProcess.MetricsUri;
        }

        using var counters = metricsUri is null ? null : new ServerCounters(metricsUri);

        var address = child?.Address ?? inProcess!.Address;
        try
        {
            using var coordinatorChannel = AquilaChannel.Create(address, coordinatorIdentity);
            using var contributorChannel = AquilaChannel.Create(address, contributor);
            using var querierChannel = AquilaChannel.Create(address, querier);
            await SyntheticList.OpenAsync(new Protocol.V1.Coordination.CoordinationClient(coordinatorChannel), ListId,
                new ListPolicy { Contributors = ["RS"], Access = ListAccess.Explicit, Queriers = ["BA"], QuotaTokensPerDay = 100_000_000 },
                [("RS", contributor, contributorChannel), ("BA", querier, querierChannel)], cancellationToken);

            say($"Adding {options.Entries:N0} entries to the list...");
            var clock = Stopwatch.StartNew();
            var lists = new ListClient(new Protocol.V1.Lists.ListsClient(contributorChannel), contributor);
            for (var first = 0; first < options.Entries; first += EntriesPerChange)
            {
                var entries = new List<ListEntry>();
                for (var i = first; i < Math.Min(options.Entries, first + EntriesPerChange); i++)
                {
                    entries.Add(SyntheticList.Entry(i));
                }

                await lists.ChangeAsync(ListId, ListChangeKind.Add, MatchKeySchema.Default.Hash, entries, [], cancellationToken);
            }

            report.Add("list_load_s", "List built (entries added, durable)", clock.Elapsed.TotalSeconds, "s");
            say($"Signing {queries.Length:N0} queries...");
            var client = new ListClient(new Protocol.V1.Lists.ListsClient(querierChannel), querier);
            var signed = new QueryRequest[queries.Length];
            for (var q = 0; q < queries.Length; q++)
            {
                signed[q] = client.Sign(ListId, MatchKeySchema.Default.Hash, queries[q], "BENCH-" + (q % 1000), "bench-officer");
            }

            if (options.WarmupQueries > 0)
            {
                // Not measured: lets the JIT reach its optimised tier, so the figures are those of a server that has been running.
                say($"Warming up with {options.WarmupQueries:N0} queries...");
                var warmup = Queries(options, options.WarmupQueries, seed: 11);
                await MeasureAsync(warmup.Length, options.Concurrency, options.Rate, async q =>
                    await client.QueryAsync(client.Sign(ListId, MatchKeySchema.Default.Hash, warmup[q], "WARMUP-" + (q % 100), "bench-officer"),
                        cancellationToken), cancellationToken);
            }

            say($"Querying at concurrency {options.Concurrency}...");
            var hits = 0;
            var countersBefore = counters is null ? null : await counters.ReadAsync(cancellationToken);
            var cpu = CpuClock.ProcessSeconds();
            var serverCpu = child?.CpuSeconds() ?? 0;
            var (seconds, latencies, late) = await MeasureAsync(queries.Length, options.Concurrency, options.Rate, async q =>
            {
                var answer = await client.QueryAsync(signed[q], cancellationToken);
                if (answer.Hit)
                {
                    Interlocked.Increment(ref hits);
                }
            }, cancellationToken);
            cpu = CpuClock.ProcessSeconds() - cpu;
            serverCpu = child is null ? 0 : child.CpuSeconds() - serverCpu;
            var countersAfter = counters is null ? null : await counters.ReadAsync(cancellationToken);
            report.Add("queries_per_s", "Queries answered per second (signed, audited)", queries.Length / seconds, "queries/s");
            report.Add("p50_ms", "Query latency p50", Percentiles.Of(latencies, 50), "ms");
            report.Add("p99_ms", "Query latency p99", Percentiles.Of(latencies, 99), "ms");
            report.Add("hits", "Queries answered with a hit", hits, "");
            if (options.Rate > 0)
            {
                report.Add("rate_target", "Offered rate (open loop)", options.Rate, "queries/s");
                report.Add("late_sends", "Queries the driver sent more than 2 ms after they were due", late, "");
            }
            report.Add("cpu_us_per_query", "CPU per query (server and querier together)", (cpu + serverCpu) * 1e6 / queries.Length, "µs");
            if (child is not null)
            {
                report.Add("server_cpu_us_per_query", "Server CPU per query (its own process)", serverCpu * 1e6 / queries.Length, "µs");
                report.Add("driver_cpu_us_per_query", "Querier CPU per query (signed beforehand)", cpu * 1e6 / queries.Length, "µs");
            }

            if (countersBefore is not null && countersAfter is not null)
            {
                CounterFigures.Add(report, countersBefore, countersAfter, queries.Length, "", "query", "queries", runtime: child is not null);
                QueryStageFigures.Add(report, countersBefore, countersAfter);
            }

            report.Note($"{options.Entries:N0} entries of {SyntheticList.TokensPerEntry} synthetic tokens, {queries.Length:N0} queries of 2 tokens, "
                + $"{options.HitFraction:P0} of them for listed persons, "
                + (options.Rate > 0 ? $"offered at {options.Rate:N0}/s (open loop, up to {options.Concurrency} in flight)" : $"concurrency {options.Concurrency}")
                + ", one mutual-TLS channel, "
                + $"after {options.WarmupQueries:N0} warm-up queries (not measured); "
                + (child is null ? "the server runs in the load driver's process." : "the server runs in a process of its own (`aquila server`, logging at Information)."));
            if (options.BulkPersons > 0)
            {
                await BulkCheckBench.MeasureAsync(options, ListId, querierChannel, querier, child, counters, report, say, cancellationToken);
            }
        }
        finally
        {
            if (child is not null)
            {
                await child.DisposeAsync();
            }

            if (inProcess is not null)
            {
                await inProcess.DisposeAsync();
            }
        }
    }

    private static async Task RunRedisAsync(QueryBenchOptions options, string work, byte[][] queries, LoadReport report, Action<string> say,
        CancellationToken cancellationToken)
    {
        var executable = options.RunRedis ? RedisServerProcess.Find(options.RedisServerPath) : null;
        if (executable is null)
        {
            report.Note(options.RunRedis ? "Redis baseline skipped: no redis-server found (install redis-server or pass --redis-server)." : "Redis baseline skipped (--no-redis).");
            return;
        }

        say("Redis baseline: SADD the entries, then SISMEMBER at the same concurrency...");
        using var redis = await RedisServerProcess.StartAsync(executable, Path.Combine(work, "redis"), "everysec", cancellationToken);
        using var connection = await ConnectionMultiplexer.ConnectAsync($"127.0.0.1:{redis.Port},syncTimeout=120000,asyncTimeout=120000");
        var database = connection.GetDatabase();
        var pending = new List<Task>();
        var members = new RedisValue[1000];
        for (var first = 0; first < options.Entries; first += members.Length)
        {
            var count = Math.Min(members.Length, options.Entries - first);
            for (var i = 0; i < count; i++)
            {
                members[i] = SyntheticList.Token(first + i, 0);
            }

            pending.Add(database.SetAddAsync("bench-list", members[..count]));
            if (pending.Count >= 16)
            {
                await Task.WhenAll(pending);
                pending.Clear();
            }
        }

        await Task.WhenAll(pending);
        var (seconds, latencies, _) = await MeasureAsync(queries.Length, options.Concurrency, options.Rate,
            q => database.SetContainsAsync("bench-list", queries[q].AsSpan(0, 17).ToArray()), cancellationToken);
        var redisRate = queries.Length / seconds;
        report.Add("redis_queries_per_s", "Redis SISMEMBER round trips per second", redisRate, "queries/s");
        report.Add("redis_p99_ms", "Redis SISMEMBER latency p99", Percentiles.Of(latencies, 99), "ms");
        report.Add("redis_ratio", "Aquila queries/s as a share of Redis SISMEMBER/s", report["queries_per_s"]!.Value / redisRate, "×");
    }

    // Closed loop (rate 0): each of `concurrency` workers sends its next query when the last is answered. Open loop
    // (rate > 0): query q is due q/rate seconds after the start, whatever the answers, with up to `concurrency` in
    // flight; a query sent more than 2 ms after it was due counts as late (the driver, not the server, fell behind).
    private static async Task<(double Seconds, List<double> Latencies, int Late)> MeasureAsync(int count, int concurrency, double rate,
        Func<int, Task> one, CancellationToken cancellationToken)
    {
        var latencies = new double[count];
        var next = -1;
        var late = 0;
        var clock = Stopwatch.StartNew();
        var workers = new Task[concurrency];
        for (var w = 0; w < concurrency; w++)
        {
            workers[w] = Task.Run(async () =>
            {
                int q;
                while ((q = Interlocked.Increment(ref next)) < count)
                {
                    if (rate > 0)
                    {
                        var wait = TimeSpan.FromSeconds(q / rate) - clock.Elapsed;
                        if (wait > TimeSpan.FromMilliseconds(1))
                        {
                            await Task.Delay(wait, cancellationToken);
                        }
                        else if (wait < TimeSpan.FromMilliseconds(-2))
                        {
                            Interlocked.Increment(ref late);
                        }
                    }

                    var started = Stopwatch.GetTimestamp();
                    await one(q);
                    latencies[q] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
            }, cancellationToken);
        }

        await Task.WhenAll(workers);
        return (clock.Elapsed.TotalSeconds, [.. latencies], late);
    }

    // Two tokens per query (keys 0 and 1): of a listed entry for hits, of an unlisted one otherwise.
    private static byte[][] Queries(QueryBenchOptions options, int count, int seed)
    {
        var random = new Random(seed);
        var queries = new byte[count][];
        for (var q = 0; q < queries.Length; q++)
        {
            var entry = random.NextDouble() < options.HitFraction ? random.Next(options.Entries) : options.Entries + random.Next(int.MaxValue - options.Entries);
            queries[q] = SyntheticList.Query(entry);
        }

        return queries;
    }

    private static void Quiet(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Warning).AddFilter(_ => false);
}
