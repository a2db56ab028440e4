using System.Text;
using Aquila.Matching.Projects;
using Aquila.Matching.Redis;
using Aquila.Matching.Tests.Projects;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;
using static Aquila.Matching.Tests.Redis.StoreScenario;

namespace Aquila.Matching.Tests.Redis;

/// <summary>What only the Redis store has: several instances on one cluster, stages of a submission, what Redis holds.</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisClusterStoreTests(RedisClusterFixture redis) : IClassFixture<RedisClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_instances_on_one_cluster_with_batches_spread_across_them_give_the_hits_of_one_embedded_store()
    {
        redis.Require();
        var definition = Definition(NewProjectId(), maxFanout: 2);
        var batches = RandomBatches(seed: 21, batches: 12);
        var expected = await EmbeddedReferenceAsync(definition, batches);
        await using var otherConnection = await redis.ConnectAsync();
        await using var first = await OpenAsync(definition, redis.Connection);
        await using var second = await OpenAsync(definition, otherConnection);
        var receipts = new List<string>();

        for (var i = 0; i < batches.Count; i++)
        {
            var (party, number, batch) = batches[i];
            receipts.Add(Describe((await SubmitAsync(i % 2 == 0 ? first : second, party, number, batch)).Receipt!));
        }

        expected.AssertSame(await ViewAsync(first, receipts));
        expected.AssertSame(await ViewAsync(second, receipts));
    }

    [Fact]
    public async Task Batches_submitted_all_at_once_on_two_instances_end_with_the_hit_states_of_one_embedded_store()
    {
        redis.Require();
        // A fanout no batch crosses: then no pairing depends on the order batches run in.
        var definition = Definition(NewProjectId(), maxFanout: 1000);
        var batches = RandomBatches(seed: 71, batches: 12);
        var expected = await EmbeddedReferenceAsync(definition, batches);
        await using var otherConnection = await redis.ConnectAsync();
        await using var first = await OpenAsync(definition, redis.Connection);
        await using var second = await OpenAsync(definition, otherConnection);

        var outcomes = await Task.WhenAll(batches.Select((b, i) => SubmitAsync(i % 2 == 0 ? first : second, b.Party, b.BatchNumber, b.Batch)));

        Assert.All(outcomes, o => Assert.Equal(SubmitStatus.Accepted, o.Status));
        var actual = await ViewAsync(first, []);
        Assert.Equal(expected.FinalHits, actual.FinalHits);
        Assert.Equal(expected.Counts.Split(' ')[0], actual.Counts.Split(' ')[0]);
    }

    [Theory]
    [InlineData((int)RedisSubmitStage.Claimed)]
    [InlineData((int)RedisSubmitStage.PostingsStored)]
    [InlineData((int)RedisSubmitStage.HitsAppended)]
    public async Task A_batch_stopped_at_any_stage_and_resent_on_another_instance_gives_the_hits_of_an_uninterrupted_run(int stopAt)
    {
        var stage = (RedisSubmitStage)stopAt;
        redis.Require();
        var definition = Definition(NewProjectId(), maxFanout: 2);
        var batches = RandomBatches(seed: 31);
        var expected = await EmbeddedReferenceAsync(definition, batches);
        var stopped = 0;
        await using var crashing = await OpenAsync(definition, redis.Connection, s =>
            s == stage && Interlocked.Exchange(ref stopped, 1) == 0 ? throw new IOException("instance killed") : ValueTask.CompletedTask);
        await using var survivor = await OpenAsync(definition, redis.Connection);
        var receipts = new List<string>();
        foreach (var (party, number, batch) in batches.Take(5))
        {
            receipts.Add(Describe((await SubmitAsync(survivor, party, number, batch)).Receipt!));
        }

        var interrupted = batches[5];
        await Assert.ThrowsAsync<IOException>(() => SubmitAsync(crashing, interrupted.Party, interrupted.BatchNumber, interrupted.Batch));
        Assert.Null(await survivor.FindReceiptAsync(interrupted.Party, ProjectTestBed.BatchId(interrupted.BatchNumber), Ct));
        foreach (var (party, number, batch) in batches.Skip(5))
        {
            receipts.Add(Describe((await SubmitAsync(survivor, party, number, batch)).Receipt!));
        }

        expected.AssertSame(await ViewAsync(survivor, receipts));
    }

    [Fact]
    public async Task A_batch_id_interrupted_with_one_content_is_a_conflict_when_resent_with_another()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        var stopped = 0;
        await using var store = await OpenAsync(definition, redis.Connection, s =>
            s == RedisSubmitStage.PostingsStored && Interlocked.Exchange(ref stopped, 1) == 0 ? throw new IOException("instance killed") : ValueTask.CompletedTask);
        await Assert.ThrowsAsync<IOException>(() => SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)]))));

        var other = await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (2, [(0, 8)])), content: 2);

        Assert.Equal(SubmitStatus.Conflict, other.Status);
        Assert.Contains("interrupted", other.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_project_spreads_over_every_master_and_each_script_stays_in_one_slot()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await using var store = await OpenAsync(definition, redis.Connection);
        foreach (var (party, number, batch) in RandomBatches(seed: 41))
        {
            await SubmitAsync(store, party, number, batch);
        }

        var mastersWithKeys = 0;
        foreach (var server in redis.Connection.GetServers())
        {
            var any = false;
            await foreach (var _ in server.KeysAsync(pattern: $"aq:{{{definition.ProjectId}:*"))
            {
                any = true;
                break;
            }

            mastersWithKeys += any ? 1 : 0;
        }

        Assert.Equal(3, mastersWithKeys);
    }

    [Fact]
    public async Task Redis_holds_no_token_or_handle_as_submitted_only_re_keyed_tokens_and_sealed_handles()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await using var store = await OpenAsync(definition, redis.Connection);
        foreach (var (party, number, batch) in RandomBatches(seed: 51))
        {
            await SubmitAsync(store, party, number, batch);
        }

        var everything = new List<byte[]>();
        var db = redis.Connection.GetDatabase();
        foreach (var key in await RedisStoreBehaviour.RedisKeysOf(redis, definition.ProjectId))
        {
            everything.Add(Encoding.Latin1.GetBytes(key));
            switch (await db.KeyTypeAsync(key))
            {
                case RedisType.Hash:
                    foreach (var entry in await db.HashGetAllAsync(key))
                    {
                        everything.Add(entry.Name!);
                        everything.Add(entry.Value!);
                    }

                    break;
                case RedisType.Stream:
                    foreach (var entry in await db.StreamRangeAsync(key))
                    {
                        everything.AddRange(entry.Values.Select(v => (byte[])v.Value!));
                    }

                    break;
                case RedisType.String:
                    everything.Add((await db.StringGetAsync(key))!);
                    break;
            }
        }

        Assert.True(everything.Count > 100);
        Assert.DoesNotContain(everything, bytes => bytes.AsSpan().IndexOf("canary-tok"u8) >= 0);
        Assert.DoesNotContain(everything, bytes => bytes.AsSpan().IndexOf("hndl-cn"u8) >= 0);
    }

    [Fact]
    public async Task A_watcher_on_one_instance_wakes_for_a_hit_found_by_another()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await using var otherConnection = await redis.ConnectAsync();
        await using var watching = await OpenAsync(definition, redis.Connection);
        await using var submitting = await OpenAsync(definition, otherConnection);
        await SubmitAsync(submitting, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        var waiting = watching.WaitForHitsAsync("RS", 0, Ct);

        await SubmitAsync(submitting, "ME", 2, ProjectTestBed.Batch(2, (1, [(0, 7)])));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        var hit = Assert.Single(await watching.ReadHitsAsync("RS", 0, 10, Ct));
        Assert.Equal("ME", hit.Hit.OtherPartyCode);
    }

    [Fact]
    public async Task An_instance_with_another_server_key_cannot_open_the_project_and_says_why()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await (await OpenAsync(definition, redis.Connection)).DisposeAsync();
        var otherKey = new RedisProjectStoreOptions { Connection = redis.Connection, ServerKey = new byte[16], TokenShards = 16 };

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() =>
            RedisProjectStore.OpenAsync(definition, otherKey, NullLoggerFactory.Instance, Ct));

        Assert.Contains("same K_server", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deployments_with_their_own_key_prefix_share_one_redis_without_meeting()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        var mine = new RedisProjectStoreOptions { Connection = redis.Connection, ServerKey = ProjectTestBed.ServerKey, TokenShards = 16, KeyPrefix = "east" };
        var theirs = new RedisProjectStoreOptions { Connection = redis.Connection, ServerKey = new byte[16], TokenShards = 8, KeyPrefix = "west" };
        await using var east = await RedisProjectStore.OpenAsync(definition, mine, NullLoggerFactory.Instance, Ct);
        await using var west = await RedisProjectStore.OpenAsync(definition, theirs, NullLoggerFactory.Instance, Ct);

        await SubmitAsync(east, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        await SubmitAsync(west, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)])));

        Assert.Equal(0, await east.LastHitSequenceAsync("RS", Ct));
        Assert.Null(await west.FindReceiptAsync("RS", ProjectTestBed.BatchId(1), Ct));
        Assert.Equal(1, (await east.GetCountsAsync(Ct)).Parties[0].Batches);
    }

    [Fact]
    public async Task Purge_deletes_every_key_of_the_project_on_every_master_and_leaves_other_projects_alone()
    {
        redis.Require();
        var purged = Definition(NewProjectId());
        var kept = Definition(purged.ProjectId + "x");
        await using var keptStore = await OpenAsync(kept, redis.Connection);
        await SubmitAsync(keptStore, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        var store = await OpenAsync(purged, redis.Connection);
        foreach (var (party, number, batch) in RandomBatches(seed: 61))
        {
            await SubmitAsync(store, party, number, batch);
        }

        await store.PurgeAsync(Ct);

        Assert.Empty(await RedisStoreBehaviour.RedisKeysOf(redis, purged.ProjectId));
        Assert.NotEmpty(await RedisStoreBehaviour.RedisKeysOf(redis, kept.ProjectId));
        Assert.NotNull(await keptStore.FindReceiptAsync("RS", ProjectTestBed.BatchId(1), Ct));
    }

    private static Task<RedisProjectStore> OpenAsync(ProjectDefinition definition, IConnectionMultiplexer connection,
        Func<RedisSubmitStage, ValueTask>? hook = null) =>
        RedisProjectStore.OpenAsync(definition, RedisStoreBehaviour.Options(null!, hook, connection), NullLoggerFactory.Instance, Ct);
}
