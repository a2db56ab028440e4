namespace Aquila.Bench.Tests.RedisStore;

[Collection(nameof(RedisStoreRuns))]
public sealed class RedisStoreRunTests(TinyRunsFixture runs) : IClassFixture<TinyRunsFixture>
{
    [Fact]
    public void Two_instances_on_the_redis_store_find_the_same_hits_as_the_embedded_store_on_the_same_seed()
    {
        TinyRunsFixture.RequireRedis();

        var expected = runs.Embedded["hits"];

        Assert.True(expected > 0, "the embedded run found no hits");
        Assert.Equal(expected, runs.Redis!["hits"]);
    }

    [Fact]
    public void The_redis_run_reports_its_store_its_instances_and_the_redis_memory_per_token()
    {
        TinyRunsFixture.RequireRedis();

        var report = runs.Redis!;

        Assert.Contains(report.Settings, s => s is { Key: "store", Value: "redis" });
        Assert.Equal(2, report["instances"]);
        Assert.Equal(1, report["redis_store_masters"]);
        Assert.InRange(report["redis_store_memory_bytes_per_token"]!.Value, 10, 10_000);
        Assert.True(report["redis_store_script_calls_per_batch"] > 0);
    }

    [Fact]
    public void The_redis_run_reports_the_embedded_store_of_the_same_run_and_the_ratios_against_it()
    {
        TinyRunsFixture.RequireRedis();

        var report = runs.Redis!;

        Assert.Equal(report["hits"], report["embedded_hits"]);
        foreach (var key in new[]
        {
            "embedded_ingest_tokens_per_s", "embedded_ingest_tokens_per_cpu_s", "embedded_ack_p50_ms", "embedded_ack_p99_ms",
            "embedded_memory_bytes_per_token", "redis_store_commands_per_token", "redis_store_cpu_us_per_token",
            "redis_store_vs_embedded_ingest_ratio", "redis_store_vs_embedded_ingest_cpu_ratio", "redis_store_vs_embedded_ack_p50_ratio",
            "redis_store_vs_embedded_ack_p99_ratio", "redis_store_vs_embedded_bytes_per_token_ratio",
        })
        {
            Assert.True(report[key] is { } value && double.IsFinite(value), key);
        }

        Assert.True(report["redis_store_vs_embedded_ingest_ratio"] > 0);
        Assert.True(report["redis_store_cpu_us_per_token"] > 0);
    }

    [Fact]
    public void The_embedded_run_keeps_its_keys_and_says_it_ran_one_instance_on_the_embedded_store()
    {
        var report = runs.Embedded;

        Assert.Contains(report.Settings, s => s is { Key: "store", Value: "embedded" });
        Assert.Equal(1, report["instances"]);
        Assert.Null(report["redis_store_memory_bytes_per_token"]);
        Assert.NotNull(report["ingest_tokens_per_s"]);
        Assert.NotNull(report["memory_bytes_per_token"]);
    }

    [Fact]
    public async Task The_embedded_store_refuses_a_second_instance_before_doing_any_work()
    {
        var options = TinyRunsFixture.Options(LoadStore.Embedded, instances: 2);

        var refused = await Assert.ThrowsAsync<ArgumentException>(() => LoadRun.RunAsync(options, _ => { }, TestContext.Current.CancellationToken));

        Assert.Contains("--store redis", refused.Message, StringComparison.Ordinal);
    }
}
