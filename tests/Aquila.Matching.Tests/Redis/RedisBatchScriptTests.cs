using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Redis;
using Aquila.Matching.Tests.Projects;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using static Aquila.Matching.Tests.Redis.StoreScenario;

namespace Aquila.Matching.Tests.Redis;

/// <summary>The batch-level shard script on the 3-master cluster: big slices, packed postings, the stored layout version.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisBatchScriptTests(RedisClusterFixture redis) : IClassFixture<RedisClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1, 3)]
    [InlineData(4, 1)]
    public async Task Batches_of_thousands_of_records_split_over_several_calls_per_shard_give_the_hits_of_the_embedded_store(int shards, int maxFanout)
    {
        redis.Require();
        var definition = Definition(NewProjectId(), maxFanout);
        var batches = BigBatches(seed: 7, batches: 6, records: 3000);
        var expected = await EmbeddedReferenceAsync(definition, batches);
        var options = RedisStoreBehaviour.Options(null!, connection: redis.Connection);
        await using var store = await RedisProjectStore.OpenAsync(definition,
            new RedisProjectStoreOptions { Connection = options.Connection, ServerKey = options.ServerKey, TokenShards = shards },
            NullLoggerFactory.Instance, Ct);
        await AssertSameAsEmbeddedAsync(store, batches, expected);
    }

    [Fact]
    public async Task Batches_of_the_bench_size_with_random_tokens_give_the_hits_of_the_embedded_store()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        var random = new Random(5);
        var shared = new byte[2000][];
        for (var i = 0; i < shared.Length; i++)
        {
            shared[i] = new byte[16];
            random.NextBytes(shared[i]);
        }

        var batches = new List<(string Party, int BatchNumber, TokenBatch Batch)>();
        for (var b = 0; b < 3; b++)
        {
            var batch = new TokenBatch();
            for (var r = 0; r < 4000; r++)
            {
                batch.AddRecord(ProjectTestBed.Handle(b, r));
                for (var t = 0; t < 30; t++)
                {
                    var token = new byte[16];
                    random.NextBytes(token);
                    batch.AddToken((byte)(t % ProjectTestBed.Keys.Length), t == 0 ? shared[random.Next(shared.Length)] : token);
                }
            }

            batches.Add((ProjectTestBed.Parties[b], b + 1, batch));
        }

        var expected = await EmbeddedReferenceAsync(definition, batches);
        await using var store = await RedisProjectStore.OpenAsync(definition,
            new RedisProjectStoreOptions { Connection = redis.Connection, ServerKey = ProjectTestBed.ServerKey }, NullLoggerFactory.Instance, Ct);
        await AssertSameAsEmbeddedAsync(store, batches, expected);
    }

    [Fact]
    public async Task A_project_stored_in_the_earlier_layout_is_refused_with_what_to_do_and_left_as_it_is()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await using (var store = await OpenAsync(definition))
        {
            await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        }

        // Layout 1 had the definition but no layout key.
        var layoutKey = (RedisKey)$"aq:{{{definition.ProjectId}}}:layout";
        var db = redis.Connection.GetDatabase();
        Assert.Equal(RedisProjectKeys.LayoutVersion, (string?)await db.StringGetAsync(layoutKey));
        await db.KeyDeleteAsync(layoutKey);
        var keys = (await RedisStoreBehaviour.RedisKeysOf(redis, definition.ProjectId)).Count;

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync(definition));

        Assert.Contains("layout 1", refused.Message, StringComparison.Ordinal);
        Assert.Contains("purge", refused.Message, StringComparison.Ordinal);
        Assert.Equal(keys, (await RedisStoreBehaviour.RedisKeysOf(redis, definition.ProjectId)).Count);
    }

    // Three parties, records of one to four tokens drawn from a few thousand values per key (tokens shared by a few
    // records, some crossing a small fanout) and one value every record of a batch holds.
    private static List<(string Party, int BatchNumber, TokenBatch Batch)> BigBatches(int seed, int batches, int records)
    {
        var random = new Random(seed);
        var result = new List<(string, int, TokenBatch)>();
        for (var b = 0; b < batches; b++)
        {
            var party = b % ProjectTestBed.Parties.Length;
            var batch = new TokenBatch();
            for (var r = 0; r < records; r++)
            {
                batch.AddRecord(ProjectTestBed.Handle(party, (b * 10_000) + r));
                var tokens = 1 + random.Next(4);
                for (var t = 0; t < tokens; t++)
                {
                    var key = random.Next(ProjectTestBed.Keys.Length);
                    batch.AddToken((byte)key, ProjectTestBed.Token((key * 100_000) + random.Next(4000)));
                }

                batch.AddToken(2, ProjectTestBed.Token(999_999));
            }

            result.Add((ProjectTestBed.Parties[party], b + 1, batch));
        }

        return result;
    }

    private Task<RedisProjectStore> OpenAsync(ProjectDefinition definition) =>
        RedisProjectStore.OpenAsync(definition, RedisStoreBehaviour.Options(null!, connection: redis.Connection), NullLoggerFactory.Instance, Ct);

    // Submits the batches to the Redis store and checks its hits against the embedded store's.
    private static async Task AssertSameAsEmbeddedAsync(RedisProjectStore store, List<(string Party, int BatchNumber, TokenBatch Batch)> batches,
        StoreView expected)
    {
        var receipts = new List<string>();
        foreach (var (party, number, batch) in batches)
        {
            receipts.Add(Describe((await SubmitAsync(store, party, number, batch)).Receipt!));
        }

        var actual = await ViewAsync(store, receipts);
        Assert.NotEmpty(expected.FinalHits);
        expected.AssertSame(actual, events: false);
    }
}
