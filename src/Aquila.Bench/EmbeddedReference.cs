namespace Aquila.Bench;

/// <summary>
/// The Redis store against the embedded store of the same run (same batch files, same process, embedded first): the
/// embedded figures as <c>embedded_*</c>, the Redis store's own cost per token (commands, redis-server CPU), and ratios
/// Redis store ÷ embedded as <c>redis_store_vs_embedded_*_ratio</c>.
/// </summary>
internal static class EmbeddedReference
{
    public static void Add(LoadReport report, AquilaResult embedded, AquilaResult redis, long tokens)
    {
        var embeddedRate = tokens / embedded.IngestSeconds;
        var embeddedPerCpu = tokens / embedded.IngestCpuSeconds;
        var embeddedBytes = (double)(embedded.RssAfterBytes - embedded.RssBeforeBytes) / tokens;
        var redisRate = tokens / redis.IngestSeconds;
        var redisPerCpu = tokens / (redis.IngestCpuSeconds + redis.RedisIngestCpuSeconds);
        var redisBytes = (double)redis.RedisUsedMemoryGrowthBytes / tokens;

        report.Add("embedded_ingest_tokens_per_s", "embedded reference (same run, 1 instance): ingest, tokens/s", embeddedRate, "tokens/s");
        report.Add("embedded_ingest_tokens_per_cpu_s", "embedded reference: ingest, tokens per CPU second (client + server process)",
            embeddedPerCpu, "tokens/s");
        report.Add("embedded_ack_p50_ms", "embedded reference: batch ack latency p50", embedded.AckLatencyP50Ms, "ms");
        report.Add("embedded_ack_p99_ms", "embedded reference: batch ack latency p99", embedded.AckLatencyP99Ms, "ms");
        report.Add("embedded_memory_bytes_per_token", "embedded reference: memory per indexed token (RSS after load + full GC − before)",
            embeddedBytes, "B");
        report.Add("embedded_hits", "embedded reference: hits (the Redis store must find the same)", embedded.Hits, "");
        report.Add("redis_store_cpu_us_per_token", "Redis store: redis-server CPU per token during ingest (INFO cpu, all masters)",
            redis.RedisIngestCpuSeconds * 1e6 / tokens, "µs");
        report.Add("redis_store_vs_embedded_ingest_ratio", "ingest tokens/s ratio Redis store ÷ embedded (above 1: Redis store faster)",
            redisRate / embeddedRate, "×");
        report.Add("redis_store_vs_embedded_ingest_cpu_ratio",
            "tokens per CPU second ratio Redis store (incl. redis-server) ÷ embedded (above 1: Redis store cheaper)", redisPerCpu / embeddedPerCpu, "×");
        report.Add("redis_store_vs_embedded_ack_p50_ratio", "batch ack p50 ratio Redis store ÷ embedded (above 1: Redis store slower)",
            redis.AckLatencyP50Ms / embedded.AckLatencyP50Ms, "×");
        report.Add("redis_store_vs_embedded_ack_p99_ratio", "batch ack p99 ratio Redis store ÷ embedded (above 1: Redis store slower)",
            redis.AckLatencyP99Ms / embedded.AckLatencyP99Ms, "×");
        report.Add("redis_store_vs_embedded_bytes_per_token_ratio",
            "bytes per token ratio Redis store (used_memory) ÷ embedded (RSS) (above 1: Redis store larger)", redisBytes / embeddedBytes, "×");
        report.Note("The embedded reference ran first in the same process on the same batch files (its figures include the JIT warm-up "
            + "both share); the Redis store ran after it. Ratios are Redis store ÷ embedded.");
    }
}
