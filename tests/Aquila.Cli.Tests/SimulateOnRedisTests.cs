using System.Text.Json;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

[Collection(nameof(ProcessTests))]
public sealed class SimulateOnRedisTests
{
    [Fact]
    public async Task Simulate_on_two_instances_sharing_redis_writes_the_same_hit_pairs_as_the_embedded_store()
    {
        RequireRedis();
        using var dir = new TempDirectory();
        await WriteSyntheticPartiesAsync(dir);
        await using var redis = (await LocalRedis.StartAsync(masters: 1))!;

        // Stage-1 keys only: the Redis store runs stage 1 only (docs/scale-out.md), the embedded store would add stage 2.
        var schema = StageOneSchema.Write(dir.File("stage-1.json"));
        var embedded = await AquilaProcess.RunAsync(dir.Path, "simulate", "--parties", dir.File("parties"), "--out", dir.File("embedded.csv"),
            "--schema", schema);
        var spread = await AquilaProcess.RunAsync(dir.Path, "simulate", "--parties", dir.File("parties"), "--out", dir.File("redis.csv"),
            "--store", "redis", "--redis", redis.Configuration, "--instances", "2", "--schema", schema);

        Assert.True(embedded.ExitCode == 0, embedded.Error);
        Assert.True(spread.ExitCode == 0, spread.Error);
        var expected = PairsWithoutHitIds(dir.File("embedded.csv"));
        Assert.True(expected.Count > 5, $"only {expected.Count} hit pairs in the embedded run");
        Assert.Equal(expected, PairsWithoutHitIds(dir.File("redis.csv")));
        Assert.Equal(SummaryLine(embedded.Output), SummaryLine(spread.Output));
        Assert.Contains("the first the Coordinator, the others Matchers", spread.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulate_on_redis_removes_its_keys_from_the_given_redis()
    {
        RequireRedis();
        using var dir = new TempDirectory();
        await WriteSyntheticPartiesAsync(dir);
        await using var redis = (await LocalRedis.StartAsync(masters: 1))!;

        var result = await AquilaProcess.RunAsync(dir.Path, "simulate", "--parties", dir.File("parties"), "--out", dir.File("hits.csv"),
            "--store", "redis", "--redis", redis.Configuration);

        Assert.True(result.ExitCode == 0, result.Error);
        await using var connection = await StackExchange.Redis.ConnectionMultiplexer.ConnectAsync(redis.Configuration + ",allowAdmin=true");
        Assert.Equal(0, await connection.GetServers()[0].DatabaseSizeAsync());
    }

    [Fact]
    public async Task Simulate_with_the_redis_store_but_no_redis_address_is_a_usage_error()
    {
        using var dir = new TempDirectory();
        Directory.CreateDirectory(dir.File("parties"));
        File.WriteAllText(dir.File("parties/RS.csv"), "record_id\n");
        File.WriteAllText(dir.File("parties/BA.csv"), "record_id\n");

        var result = await AquilaProcess.RunAsync(dir.Path, "simulate", "--parties", dir.File("parties"), "--out", dir.File("hits.csv"), "--store", "redis");

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--redis HOST:PORT", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bench_on_the_redis_store_reports_store_and_instances_in_json_next_to_the_existing_keys()
    {
        RequireRedis();
        using var dir = new TempDirectory();

        var result = await AquilaProcess.RunAsync(dir.Path, "bench", "--store", "redis", "--parties", "2", "--records", "400", "--batch-records", "200", "--no-postgres",
            "--no-redis", "--json");

        Assert.True(result.ExitCode == 0, result.Error);
        var json = JsonDocument.Parse(result.Output).RootElement;
        Assert.Equal("redis", json.GetProperty("store").GetString());
        Assert.Equal(2, json.GetProperty("instances").GetInt32());
        Assert.True(json.GetProperty("ingest_tokens_per_s").GetDouble() > 0);
        Assert.True(json.GetProperty("redis_store_memory_bytes_per_token").GetDouble() > 0);
    }

    private static void RequireRedis() => RedisBinaries.Require(RedisBinaries.Problem);

    // Three parties' exports from the synthetic generator (its truth files stay out of the parties folder).
    private static async Task WriteSyntheticPartiesAsync(TempDirectory dir)
    {
        var synth = await AquilaProcess.RunAsync(dir.Path, "synth", "--out", dir.File("synth"), "--persons", "200", "--parties", "RS,BA,ME", "--seed", "3");
        Assert.True(synth.ExitCode == 0, synth.Error);
        Directory.CreateDirectory(dir.File("parties"));
        foreach (var party in new[] { "RS", "BA", "ME" })
        {
            File.Copy(dir.File($"synth/{party}.csv"), dir.File($"parties/{party}.csv"));
        }
    }

    // Hit ids depend on the random handles of each run; the record pairs, bands and keys do not.
    private static List<string> PairsWithoutHitIds(string csv) =>
        [.. File.ReadAllLines(csv).Skip(1).Select(line => line[(line.IndexOf(',', StringComparison.Ordinal) + 1)..]).Order(StringComparer.Ordinal)];

    private static string SummaryLine(string output) =>
        output.Split('\n').Single(line => line.Contains("hit(s):", StringComparison.Ordinal)).Trim();
}
