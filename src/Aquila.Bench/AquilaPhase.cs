using System.Diagnostics;
using System.Globalization;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Grpc.Net.Client;
using Microsoft.Extensions.Logging;

namespace Aquila.Bench;

/// <summary>
/// The Aquila side of a load run: the real server in this process (Kestrel, TLS 1.3, client certificates) — one
/// instance on the embedded write-ahead log, or several instances sharing one Redis store (same K_server, own data
/// directories, batches spread over them round-robin) — every party submitting its batches over its own mutual-TLS
/// channels at the same time, hits read back by every party, memory measured around the load, then a restart.
/// </summary>
internal sealed class AquilaPhase(string workDirectory, string projectId, string[] parties, int instances, StoreRedis? redis,
    string metricsListen = MetricsOptions.DefaultListen)
{
    public async Task<AquilaResult> RunAsync(IReadOnlyList<PreparedBatch> batches, Action<string> say, CancellationToken cancellationToken)
    {
        using var pki = LocalPki.Create(Path.Combine(workDirectory, "pki"));
        var options = new ServerOptions[instances];
        for (var i = 0; i < instances; i++)
        {
            options[i] = OptionsFor(pki, i);
        }

        var identities = new NodeIdentity[parties.Length];
        for (var p = 0; p < parties.Length; p++)
        {
            identities[p] = NodeIdentity.Load(pki.IssueIdentity(parties[p], PartyRole.Node));
        }

        try
        {
            var rssBefore = ResidentMemory.AfterFullCollection();
            var heapBefore = ResidentMemory.ManagedHeapBytes();
            var redisBefore = redis is null ? null : await redis.SampleAsync();
            var servers = new List<AquilaServer>(instances);
            var result = new AquilaResult { RssBeforeBytes = rssBefore };
            try
            {
                // One after the other: the first instance creates K_server in the shared key directory.
                foreach (var instanceOptions in options)
                {
                    servers.Add(await AquilaServer.StartAsync(instanceOptions, Quiet, cancellationToken));
                }

                var addresses = servers.ConvertAll(s => s.Address);
                say(instances == 1
                    ? $"Aquila server on {addresses[0]}; {parties.Length} parties submit {batches.Count} batches over mutual TLS."
                    : $"{instances} Aquila server instances on {string.Join(", ", addresses)}, one Redis store; {parties.Length} parties submit "
                        + $"{batches.Count} batches over mutual TLS, spread round-robin over the instances.");
                await using (var sampler = ResidentMemory.StartSampling(TimeSpan.FromMilliseconds(20)))
                {
                    var cpu = CpuClock.ProcessSeconds();
                    await SubmitAllAsync(addresses, identities, batches, result, cancellationToken);
                    result.IngestCpuSeconds = CpuClock.ProcessSeconds() - cpu;
                    if (redis is not null)
                    {
                        var afterIngest = await redis.SampleAsync();
                        result.RedisIngestCpuSeconds = afterIngest.CpuSeconds - redisBefore!.CpuSeconds;
                        result.RedisIngestCommands = afterIngest.Commands - redisBefore.Commands;
                        result.RedisIngestScriptCalls = afterIngest.ScriptCalls - redisBefore.ScriptCalls;
                    }

                    say("All batches acknowledged; reading every party's hits.");
                    var hitClock = Stopwatch.StartNew();
                    var events = await ReadAllHitsAsync(addresses, identities, cancellationToken);
                    result.LastAckToLastHitSeconds = hitClock.Elapsed.TotalSeconds;
                    result.HitEvents = events.Total;
                    result.Hits = events.NewEvents / 2;
                    result.RssPeakBytes = sampler.Peak;
                }

                result.RssAfterBytes = ResidentMemory.AfterFullCollection();
                result.ManagedHeapGrowthBytes = ResidentMemory.ManagedHeapBytes() - heapBefore;
                if (redis is not null)
                {
                    var after = await redis.SampleAsync();
                    result.RedisMasters = after.Masters;
                    result.RedisUsedMemoryGrowthBytes = after.UsedMemoryBytes - redisBefore!.UsedMemoryBytes;
                    result.RedisPeakMemoryGrowthBytes = after.PeakMemoryBytes - redisBefore.UsedMemoryBytes;
                    result.RedisResidentGrowthBytes = after.ResidentBytes - redisBefore.ResidentBytes;
                    result.RedisAppendOnlyFileGrowthBytes = after.AppendOnlyFileBytes - redisBefore.AppendOnlyFileBytes;
                }
            }
            finally
            {
                foreach (var server in servers)
                {
                    await server.DisposeAsync();
                }
            }

            say(redis is null ? "Restarting the server on the same data directory." : "Restarting one instance on the same Redis.");
            var restart = Stopwatch.StartNew();
            var restartCpu = CpuClock.ProcessSeconds();
            var again = await AquilaServer.StartAsync(options[0], Quiet, cancellationToken);
            await using (again)
            {
                using var channel = AquilaChannel.Create(again.Address, identities[0]);
                var client = new Protocol.V1.Matching.MatchingClient(channel);
                await client.GetProjectAsync(new GetProjectRequest { ProjectId = projectId }, cancellationToken: cancellationToken);
                result.RestartSeconds = restart.Elapsed.TotalSeconds;
                result.RestartCpuSeconds = CpuClock.ProcessSeconds() - restartCpu;
                var replayed = 0L;
                await foreach (var hit in new HitReader(client).ReadAsync(projectId, 0, follow: false, cancellationToken))
                {
                    replayed++;
                }

                result.RestartFirstPartyHitEvents = replayed;
            }

            return result;
        }
        finally
        {
            foreach (var identity in identities)
            {
                identity.Dispose();
            }
        }
    }

    // Every instance: the same certificate, trust and key directory (so the same K_server); its own data directory.
    private ServerOptions OptionsFor(LocalPki pki, int instance)
    {
        var options = LocalServerOptions.For(pki, workDirectory);
        if (instance > 0)
        {
            options.DataDirectory += "-" + instance.ToString(CultureInfo.InvariantCulture);
        }

        options.Projects = [new ProjectOptions { Id = projectId, Parties = [.. parties] }];
        options.Metrics = new MetricsOptions { Listen = metricsListen };
        if (redis is not null)
        {
            options.Matcher = new MatcherOptions
            {
                Store = MatcherStoreKind.Redis,
                Redis = new RedisMatcherOptions { Configuration = redis.Configuration, KeyPrefix = redis.KeyPrefix, Layout = redis.Layout },
            };
        }

        return options;
    }

    private static void Quiet(ILoggingBuilder logging) => logging.SetMinimumLevel(LogLevel.Warning).AddFilter(_ => false);

    private async Task SubmitAllAsync(List<Uri> addresses, NodeIdentity[] identities, IReadOnlyList<PreparedBatch> batches, AquilaResult result,
        CancellationToken cancellationToken)
    {
        var latencies = new List<double>[parties.Length];
        var lastAck = new long[parties.Length];
        var clock = Stopwatch.StartNew();
        var tasks = new Task[parties.Length];
        for (var p = 0; p < parties.Length; p++)
        {
            var party = p;
            latencies[party] = [];
            tasks[party] = Task.Run(async () =>
            {
                var channels = new GrpcChannel[addresses.Count];
                var submitters = new BatchSubmitter[addresses.Count];
                for (var i = 0; i < addresses.Count; i++)
                {
                    channels[i] = AquilaChannel.Create(addresses[i], identities[party]);
                    submitters[i] = new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channels[i]));
                }

                try
                {
                    for (var b = 0; b < batches.Count; b++)
                    {
                        var batch = batches[b];
                        if (batch.Party != parties[party])
                        {
                            continue;
                        }

                        // Round-robin over the whole list, so every party's batches reach every instance.
                        var sent = Stopwatch.GetTimestamp();
                        var receipt = await submitters[b % submitters.Length].SubmitAsync(batch.Path, null, cancellationToken);
                        latencies[party].Add(Stopwatch.GetElapsedTime(sent).TotalMilliseconds);
                        lastAck[party] = clock.ElapsedTicks;
                        if (receipt.Tokens != batch.Tokens)
                        {
                            throw new InvalidOperationException(
                                $"The server acknowledged {receipt.Tokens} tokens of a batch of party {batch.Party} that holds {batch.Tokens}.");
                        }
                    }
                }
                finally
                {
                    foreach (var channel in channels)
                    {
                        channel?.Dispose();
                    }
                }
            }, cancellationToken);
        }

        await Task.WhenAll(tasks);
        var all = new List<double>();
        foreach (var list in latencies)
        {
            all.AddRange(list);
        }

        result.IngestSeconds = (double)lastAck.Max() / Stopwatch.Frequency;
        result.AckLatencyP50Ms = Percentiles.Of(all, 50);
        result.AckLatencyP99Ms = Percentiles.Of(all, 99);
        result.AckLatencyMaxMs = Percentiles.Of(all, 100);
    }

    // Party p reads from instance p mod N: with the Redis store every instance serves every party's hits.
    private async Task<(long Total, long NewEvents)> ReadAllHitsAsync(List<Uri> addresses, NodeIdentity[] identities, CancellationToken cancellationToken)
    {
        var totals = new long[parties.Length];
        var news = new long[parties.Length];
        var tasks = new Task[parties.Length];
        for (var p = 0; p < parties.Length; p++)
        {
            var party = p;
            tasks[party] = Task.Run(async () =>
            {
                using var channel = AquilaChannel.Create(addresses[party % addresses.Count], identities[party]);
                var reader = new HitReader(new Protocol.V1.Matching.MatchingClient(channel));
                await foreach (var hit in reader.ReadAsync(projectId, 0, follow: false, cancellationToken))
                {
                    totals[party]++;
                    if (hit.Kind == HitEventKind.New)
                    {
                        news[party]++;
                    }
                }
            }, cancellationToken);
        }

        await Task.WhenAll(tasks);
        return (totals.Sum(), news.Sum());
    }
}

/// <summary>Figures of the Aquila side.</summary>
internal sealed class AquilaResult
{
    public double IngestSeconds { get; set; }

    public double IngestCpuSeconds { get; set; }

    public long ManagedHeapGrowthBytes { get; set; }

    public double RestartCpuSeconds { get; set; }

    public double AckLatencyP50Ms { get; set; }

    public double AckLatencyP99Ms { get; set; }

    public double AckLatencyMaxMs { get; set; }

    public double LastAckToLastHitSeconds { get; set; }

    public long HitEvents { get; set; }

    public long Hits { get; set; }

    public long RssBeforeBytes { get; set; }

    public long RssAfterBytes { get; set; }

    public long RssPeakBytes { get; set; }

    public double RestartSeconds { get; set; }

    public long RestartFirstPartyHitEvents { get; set; }

    /// <summary>Redis store: masters that hold it.</summary>
    public int RedisMasters { get; set; }

    /// <summary>Redis store: CPU seconds of every master during ingest (INFO used_cpu_user + used_cpu_sys).</summary>
    public double RedisIngestCpuSeconds { get; set; }

    /// <summary>Redis store: commands the masters processed during ingest, including those run inside scripts.</summary>
    public long RedisIngestCommands { get; set; }

    /// <summary>Redis store: script calls (EVALSHA and the like) the masters processed during ingest.</summary>
    public long RedisIngestScriptCalls { get; set; }

    /// <summary>Redis store: growth of INFO used_memory over the run, all masters.</summary>
    public long RedisUsedMemoryGrowthBytes { get; set; }

    /// <summary>Redis store: the masters' used_memory_peak after the run minus used_memory before.</summary>
    public long RedisPeakMemoryGrowthBytes { get; set; }

    /// <summary>Redis store: growth of INFO used_memory_rss (resident memory of redis-server), all masters.</summary>
    public long RedisResidentGrowthBytes { get; set; }

    /// <summary>Redis store: growth of INFO aof_current_size, all masters.</summary>
    public long RedisAppendOnlyFileGrowthBytes { get; set; }
}
