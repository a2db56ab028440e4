using System.Globalization;
using Aquila.Tokens.Derivation;

namespace Aquila.Bench;

/// <summary>
/// One end-to-end load run: synthetic records tokenised into batch files by every party, submitted to a real
/// Aquila server over mutual TLS, hits read back, memory and restart measured; then the Redis baselines on the same
/// batch files with <c>appendfsync always</c> and <c>everysec</c>, and the PostgreSQL COPY + join baseline. Ratios are
/// Aquila ÷ baseline (above 1: Aquila better).
/// </summary>
public static class LoadRun
{
    private const string ProjectId = "load";

    /// <summary>Runs everything; <paramref name="say"/> gets progress lines for people.</summary>
    public static async Task<LoadReport> RunAsync(LoadOptions options, Action<string> say, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(say);
        options.Validate();
        var work = options.WorkDirectory ?? Path.Combine(Path.GetTempPath(), "aquila-load-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(work);
        try
        {
            return await RunInAsync(options, work, say, cancellationToken);
        }
        finally
        {
            if (options.WorkDirectory is null && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<LoadReport> RunInAsync(LoadOptions options, string work, Action<string> say, CancellationToken cancellationToken)
    {
        var parties = PartyCodes.Take(options.Parties);
        var report = new LoadReport();
        var onRedisStore = options.Store == LoadStore.Redis;
        var loadAtStart = CpuClock.LoadAverage();
        var inv = CultureInfo.InvariantCulture;
        // A wrong --postgres-bin fails now, not after minutes of tokenising.
        var postgresBin = PostgresComparison.BinDirectory(options);
        // The store's Redis first, so a wrong --redis fails before minutes of tokenising; stopped before the baselines.
        var storeRedis = onRedisStore ? await StartStoreRedisAsync(options, work, say, cancellationToken) : null;
        TokenizeResult tokenized;
        AquilaResult aquila;
        AquilaResult? embedded = null;
        try
        {
            say(string.Create(inv, $"Tokenising {options.Parties} × {options.RecordsPerParty:N0} synthetic records ({options.SharedFraction:P0} shared between neighbouring parties)."));
            using (var key = ProjectKey.Generate())
            {
                tokenized = TokenizePhase.Run(options, parties, ProjectId, key, Path.Combine(work, "batches"), cancellationToken);
            }

            if (options.MatcherStage2)
            {
                return await MatcherStage2Report.RunAsync(options, parties, ProjectId, Path.Combine(work, "matcher"), tokenized, loadAtStart, say,
                    cancellationToken);
            }

            if (storeRedis is not null && options.CompareEmbedded)
            {
                say("Embedded store first, as the reference for the Redis store: one instance, the same batch files.");
                embedded = await new AquilaPhase(Path.Combine(work, "embedded-reference"), ProjectId, parties, 1, null, options.MetricsListen)
                    .RunAsync(tokenized.Batches, say, cancellationToken);
            }

            aquila = await new AquilaPhase(work, ProjectId, parties, options.Instances, storeRedis, options.MetricsListen).RunAsync(tokenized.Batches, say, cancellationToken);
            if (storeRedis is not null)
            {
                NoteStore(storeRedis, options, report);
                if (!storeRedis.IsLocal)
                {
                    var deleted = await storeRedis.PurgeIfExternalAsync(ProjectId, cancellationToken);
                    report.Note($"The run's {deleted:N0} keys were purged from the given Redis; its memory and CPU figures include whatever else that Redis did meanwhile.");
                }
            }
        }
        finally
        {
            if (storeRedis is not null)
            {
                await storeRedis.DisposeAsync();
            }
        }

        long records = 0, tokens = 0;
        foreach (var batch in tokenized.Batches)
        {
            records += batch.Records;
            tokens += batch.Tokens;
        }

        report.Set("store", "token store", onRedisStore ? "redis" : "embedded");
        report.Add("instances", "server instances (all in this process)", options.Instances, "");
        report.Add("parties", "parties", options.Parties, "");
        report.Add("records", "records tokenised (all parties)", records, "");
        report.Add("records_rejected", "records rejected by the schema", tokenized.Rejected, "");
        report.Add("tokens", "tokens", tokens, "");
        report.Add("batches", "batches", tokenized.Batches.Count, "");
        report.Add("load_average_at_start", "1-minute load average of the machine at the start", loadAtStart, "");
        report.Add("tokenize_records_per_cpu_s", "tokenisation, records per CPU second (normalise + HMAC, thread CPU time)",
            (records + tokenized.Rejected) / tokenized.TokenizeCpuSeconds, "records/s");
        report.Add("tokenize_records_per_s_per_thread", "tokenisation, records/s per thread (wall time, includes waiting for a core)",
            (records + tokenized.Rejected) / tokenized.TokenizeWallSeconds, "records/s");
        report.Add("prepare_seconds", "prepare wall time (generate, tokenise, write batch files; all cores)", tokenized.WallSeconds, "s");

        var ingestRate = tokens / aquila.IngestSeconds;
        report.Add("ingest_tokens_per_s", "durable ingest over mTLS, tokens/s (first send to last ack)", ingestRate, "tokens/s");
        report.Add("ingest_seconds", "ingest wall time", aquila.IngestSeconds, "s");
        // With the Redis store the work is split between this process and redis-server: count both, as the baselines do.
        var ingestCpuSeconds = aquila.IngestCpuSeconds + aquila.RedisIngestCpuSeconds;
        report.Add("ingest_tokens_per_cpu_s", onRedisStore
            ? "ingest, tokens per CPU second (client + server instances + redis-server)"
            : "ingest, tokens per CPU second (client + server process)", tokens / ingestCpuSeconds, "tokens/s");
        report.Add("load_average_after_ingest", "1-minute load average after ingest", CpuClock.LoadAverage(), "");
        report.Add("ack_p50_ms", "batch ack latency p50", aquila.AckLatencyP50Ms, "ms");
        report.Add("ack_p99_ms", "batch ack latency p99", aquila.AckLatencyP99Ms, "ms");
        report.Add("ack_max_ms", "batch ack latency max", aquila.AckLatencyMaxMs, "ms");
        report.Add("hits", "hits (distinct, both parties notified)", aquila.Hits, "");
        report.Add("hit_events", "hit events delivered (all parties)", aquila.HitEvents, "");
        report.Add("last_ack_to_last_hit_s", "last ack to last hit delivered to every party", aquila.LastAckToLastHitSeconds, "s");
        var perToken = (double)(aquila.RssAfterBytes - aquila.RssBeforeBytes) / tokens;
        // Where the index lives: this process (embedded) or redis-server (Redis store); the baselines compare with that.
        var indexPerToken = onRedisStore ? (double)aquila.RedisResidentGrowthBytes / tokens : perToken;
        var peakPerToken = (double)(aquila.RssPeakBytes - aquila.RssBeforeBytes) / tokens;
        report.Add("memory_bytes_per_token", onRedisStore
            ? "memory per token in this process (RSS after load + full GC − before; the index is in Redis)"
            : "memory per indexed token (RSS after load + full GC − before)", perToken, "B");
        report.Add("memory_peak_bytes_per_token", "peak memory per token during ingest (peak RSS − before)", peakPerToken, "B");
        report.Add("managed_heap_bytes_per_token", "managed heap growth per token (live objects after full GC)", (double)aquila.ManagedHeapGrowthBytes / tokens, "B");
        report.Add("rss_before_mib", "RSS before the server started", aquila.RssBeforeBytes / 1048576.0, "MiB");
        report.Add("rss_after_mib", "RSS after load + full GC", aquila.RssAfterBytes / 1048576.0, "MiB");
        report.Add("rss_peak_mib", "peak RSS during ingest", aquila.RssPeakBytes / 1048576.0, "MiB");
        report.Add("restart_seconds", onRedisStore
            ? "restart: stop every instance, start one on the same Redis, first call answered"
            : "restart: stop, reopen data directory, first call answered", aquila.RestartSeconds, "s");
        report.Add("restart_cpu_seconds", onRedisStore ? "restart CPU time (opening the project from Redis)" : "restart CPU time (log replay)",
            aquila.RestartCpuSeconds, "s");
        if (onRedisStore)
        {
            report.Add("redis_store_masters", "Redis store: masters", aquila.RedisMasters, "");
            report.Add("redis_store_memory_bytes_per_token", "Redis store: memory per token (INFO used_memory growth, all masters)",
                (double)aquila.RedisUsedMemoryGrowthBytes / tokens, "B");
            report.Add("redis_store_rss_bytes_per_token", "Redis store: redis-server RSS growth per token (INFO used_memory_rss, all masters)",
                (double)aquila.RedisResidentGrowthBytes / tokens, "B");
            report.Add("redis_store_aof_bytes_per_token", "Redis store: append-only file growth per token (INFO aof_current_size)",
                (double)aquila.RedisAppendOnlyFileGrowthBytes / tokens, "B");
            report.Add("redis_store_peak_memory_bytes_per_token", "Redis store: peak memory per token (used_memory_peak after − used_memory before)",
                (double)aquila.RedisPeakMemoryGrowthBytes / tokens, "B");
            report.Add("redis_store_ingest_cpu_seconds", "Redis store: redis-server CPU during ingest (all masters)", aquila.RedisIngestCpuSeconds, "s");
            report.Add("redis_store_busy_fraction", "Redis store: redis-server CPU ÷ ingest wall time (1 per master = saturated)",
                aquila.RedisIngestCpuSeconds / aquila.IngestSeconds, "×");
            report.Add("redis_store_commands_per_token", "Redis store: commands per token during ingest (INFO; counts the calls inside scripts)",
                (double)aquila.RedisIngestCommands / tokens, "commands");
            report.Add("redis_store_script_calls_per_batch", "Redis store: script calls (EVALSHA) per batch during ingest",
                (double)aquila.RedisIngestScriptCalls / tokenized.Batches.Count, "calls");
            report.Add("redis_store_commands_per_batch", "Redis store: commands per batch during ingest (INFO; counts the calls inside scripts)",
                (double)aquila.RedisIngestCommands / tokenized.Batches.Count, "commands");
            report.Set("redis_store_layout", "Redis store: layout (Server:Matcher:Redis:Layout)", options.RedisLayout.ToString().ToLowerInvariant());
        }

        if (embedded is not null)
        {
            EmbeddedReference.Add(report, embedded, aquila, tokens);
        }

        if (aquila.RestartFirstPartyHitEvents * options.Parties < aquila.HitEvents / 2)
        {
            report.Note($"After the restart party {parties[0]} read {aquila.RestartFirstPartyHitEvents} hit events; check recovery.");
        }

        await PostgresComparison.AddAsync(report, options, parties, postgresBin, tokenized.Batches,
            new AquilaFigures(ingestRate, tokens / ingestCpuSeconds, aquila.LastAckToLastHitSeconds), say, cancellationToken);
        if (!options.RunRedis)
        {
            report.Note("Redis baselines skipped (--no-redis).");
            return report;
        }

        var redis = RedisServerProcess.Find(options.RedisServerPath);
        if (redis is null)
        {
            report.Note("Redis baselines skipped: no redis-server found (benchmarks/run-redis.sh installs it).");
            return report;
        }

        report.Note(string.Create(inv,
            $"Redis baseline: {redis}, SADD {options.RedisMembersPerCommand} members/command, pipeline depth {options.RedisPipelineDepth}, {options.Parties} client connections (one per party), {options.RedisShards} sets per party, AOF on, RDB off; then SINTER of every party pair per shard. Ratios are Aquila ÷ Redis (above 1: Aquila better)."));
        foreach (var mode in new[] { "always", "everysec" })
        {
            say($"Redis baseline, appendfsync {mode}.");
            RedisResult result;
            try
            {
                result = await new RedisBaseline(options, parties).RunAsync(redis, Path.Combine(work, "redis-" + mode), mode, tokenized.Batches,
                    cancellationToken);
            }
            catch (Exception e) when (e is InvalidOperationException or StackExchange.Redis.RedisException or TimeoutException)
            {
                // The Aquila figures stand on their own; say why the baseline is missing instead of losing them.
                report.Note($"Redis baseline with appendfsync {mode} failed ({e.GetType().Name}: {e.Message}); its figures are missing.");
                continue;
            }

            report.Add($"redis_{mode}_ingest_tokens_per_s", $"Redis ({mode}) ingest, tokens/s", result.TokensPerSecond, "tokens/s");
            report.Add($"redis_{mode}_ingest_tokens_per_cpu_s", $"Redis ({mode}) ingest, tokens per CPU second (client + redis-server)",
                result.TokensPerCpuSecond, "tokens/s");
            report.Add($"redis_{mode}_intersect_seconds", $"Redis ({mode}) cross-party SINTER time", result.IntersectSeconds, "s");
            report.Add($"redis_{mode}_shared_tokens", $"Redis ({mode}) shared token entries found", result.SharedTokens, "");
            report.Add($"redis_{mode}_memory_bytes_per_token", $"Redis ({mode}) server RSS growth per token", (double)result.RssGrowthBytes / result.Tokens, "B");
            report.Add($"redis_{mode}_ingest_ratio", $"ingest ratio Aquila ÷ Redis {mode}", ingestRate / result.TokensPerSecond, "×");
            report.Add($"redis_{mode}_ingest_cpu_ratio", $"ingest per CPU second ratio Aquila ÷ Redis {mode}",
                tokens / ingestCpuSeconds / result.TokensPerCpuSecond, "×");
            report.Add($"redis_{mode}_hits_time_ratio", $"hits time ratio Redis {mode} SINTER ÷ Aquila last-ack-to-last-hit",
                result.IntersectSeconds / aquila.LastAckToLastHitSeconds, "×");
            report.Add($"redis_{mode}_memory_ratio", onRedisStore
                ? $"memory ratio Redis {mode} ÷ Aquila's Redis store per token (redis-server RSS growth both)"
                : $"memory ratio Redis {mode} ÷ Aquila per token", (double)result.RssGrowthBytes / result.Tokens / indexPerToken, "×");
        }

        return report;
    }

    private static async Task<StoreRedis> StartStoreRedisAsync(LoadOptions options, string work, Action<string> say, CancellationToken cancellationToken)
    {
        say(options.RedisConfiguration is null
            ? $"Starting {(options.RedisCluster ? "a 3-master Redis Cluster" : "a redis-server")} on loopback for the token store (appendfsync always)."
            : "Connecting to the given Redis for the token store.");
        return await StoreRedis.StartAsync(options, Path.Combine(work, "redis-store"), cancellationToken);
    }

    private static void NoteStore(StoreRedis redis, LoadOptions options, LoadReport report) =>
        report.Note($"Token store: {redis.Description}, key prefix {redis.KeyPrefix}. {options.Instances} server instance(s) run in this process "
            + "(separate AquilaServer objects on ephemeral loopback ports, one key directory so one K_server, each its own data directory); "
            + "batches go to the instances round-robin and party n reads its hits from instance n mod N. The project is declared in the "
            + "configuration (a dry run: hits released as found), as in the embedded run, so both runs measure the same work.");
}
