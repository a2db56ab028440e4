using System.Text;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Redis;
using Aquila.Matching.Tests.Projects;
using StackExchange.Redis;
using static Aquila.Matching.Tests.Redis.StoreScenario;

namespace Aquila.Matching.Tests.Redis;

/// <summary>
/// The Redis log layout with several instances ("followers") on one redis-server: the same state as the embedded store on
/// every instance, reads on one of what another was sent, resends, restarts, replacement, purge and what Redis holds.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisLogStoreTests(RedisSingleFixture redis) : IClassFixture<RedisSingleFixture>, IDisposable
{
    private readonly TempDirectory _local = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Dispose();

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    public async Task Two_instances_fed_in_turn_both_give_the_embedded_stores_hits_receipts_and_counts(int seed, int maxFanout)
    {
        redis.Require();
        var definition = Definition(NewProjectId(), maxFanout);
        var batches = RandomBatches(seed);
        var expected = await EmbeddedReferenceAsync(definition, batches);
        await using var a = await OpenAsync(definition, "a");
        await using var b = await OpenAsync(definition, "b");
        var receipts = new List<string>();

        for (var i = 0; i < batches.Count; i++)
        {
            var (party, number, batch) = batches[i];
            receipts.Add(Describe((await SubmitAsync(i % 2 == 0 ? a : b, party, number, batch)).Receipt!));
        }

        expected.AssertSame(await ViewAsync(a, receipts));
        expected.AssertSame(await ViewAsync(b, receipts));
        Assert.Equal(await FullReceiptsAsync(a, batches), await FullReceiptsAsync(b, batches));
    }

    [Fact]
    public async Task A_batch_sent_to_one_instance_is_read_on_the_other_without_waiting()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await using var a = await OpenAsync(definition, "a");
        await using var b = await OpenAsync(definition, "b", pollInterval: TimeSpan.FromMinutes(10));
        await SubmitAsync(a, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        await SubmitAsync(a, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)])));

        var onB = await b.ReadHitsAsync("BA", 0, 10, Ct);

        var hit = Assert.Single(onB);
        Assert.Equal("RS", hit.Hit.OtherPartyCode);
        Assert.Equal(Describe(hit.Hit), Describe(Assert.Single(await a.ReadHitsAsync("BA", 0, 10, Ct)).Hit));
    }

    [Fact]
    public async Task A_watcher_on_one_instance_wakes_for_a_hit_sent_to_another()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await using var watching = await OpenAsync(definition, "a");
        await using var submitting = await OpenAsync(definition, "b");
        await SubmitAsync(submitting, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        var waiting = watching.WaitForHitsAsync("RS", 0, Ct);

        await SubmitAsync(submitting, "ME", 2, ProjectTestBed.Batch(2, (1, [(0, 7)])));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5), Ct);
        Assert.Equal("ME", Assert.Single(await watching.ReadHitsAsync("RS", 0, 10, Ct)).Hit.OtherPartyCode);
    }

    [Fact]
    public async Task A_resend_to_the_other_instance_is_answered_from_the_first_receipt_and_adds_nothing()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await using var a = await OpenAsync(definition, "a");
        await using var b = await OpenAsync(definition, "b", pollInterval: TimeSpan.FromMinutes(10));
        await SubmitAsync(a, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        var first = await SubmitAsync(a, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)])));

        var again = await SubmitAsync(b, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)])));
        var conflict = await SubmitAsync(b, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 8)])), content: 9);

        Assert.Equal(SubmitStatus.Accepted, first.Status);
        Assert.Equal(SubmitStatus.AlreadyAccepted, again.Status);
        Assert.Equal(ProjectTestBed.Describe(first.Receipt), ProjectTestBed.Describe(again.Receipt));
        Assert.Equal(SubmitStatus.Conflict, conflict.Status);
        Assert.Equal(1, await a.LastHitSequenceAsync("BA", Ct));
        Assert.Equal(1, (await b.GetCountsAsync(Ct)).Parties[1].Batches);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task An_instance_stopped_mid_stream_catches_up_to_the_same_state_when_it_starts_again(bool positionLost)
    {
        redis.Require();
        var definition = Definition(NewProjectId(), maxFanout: 2);
        var batches = RandomBatches(seed: 21);
        var expected = await EmbeddedReferenceAsync(definition, batches);
        await using var a = await OpenAsync(definition, "a");
        var b = await OpenAsync(definition, "b");
        var receipts = new List<string>();
        foreach (var (party, number, batch) in batches.Take(4))
        {
            receipts.Add(Describe((await SubmitAsync(b, party, number, batch)).Receipt!));
        }

        await b.DisposeAsync();
        if (positionLost)
        {
            // As after a kill before the position was written: every entry is applied again, each answered as a resend.
            File.Delete(Path.Combine(Dir(definition, "b"), "log-position"));
        }

        foreach (var (party, number, batch) in batches.Skip(4))
        {
            receipts.Add(Describe((await SubmitAsync(a, party, number, batch)).Receipt!));
        }

        await using var restarted = await OpenAsync(definition, "b");

        expected.AssertSame(await ViewAsync(restarted, receipts));
        Assert.Equal(await FullReceiptsAsync(a, batches), await FullReceiptsAsync(restarted, batches));
        Assert.Equal(a.AppliedPosition, restarted.AppliedPosition);
    }

    [Fact]
    public async Task A_new_instance_with_an_empty_directory_rebuilds_the_whole_state_from_the_log()
    {
        redis.Require();
        var definition = Definition(NewProjectId(), maxFanout: 2);
        var batches = RandomBatches(seed: 23);
        var expected = await EmbeddedReferenceAsync(definition, batches);
        var receipts = new List<string>();
        await using (var a = await OpenAsync(definition, "a"))
        {
            foreach (var (party, number, batch) in batches)
            {
                receipts.Add(Describe((await SubmitAsync(a, party, number, batch)).Receipt!));
            }
        }

        await using var fresh = await OpenAsync(definition, "fresh");

        expected.AssertSame(await ViewAsync(fresh, receipts));
    }

    [Fact]
    public async Task A_replacement_sent_to_one_instance_withdraws_the_hits_on_both_as_the_embedded_store_does()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        using var bed = ProjectTestBed.InMemory();
        await using var embedded = await ProjectMatcher.OpenAsync(definition, bed.Options(), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, Ct);
        await using var a = await OpenAsync(definition, "a");
        await using var b = await OpenAsync(definition, "b");
        var rs = ProjectTestBed.Batch(0, (1, [(0, 7)]), (2, [(0, 8)]));
        var ba = ProjectTestBed.Batch(1, (1, [(0, 7)]), (2, [(0, 8)]));
        var replacement = ProjectTestBed.Batch(0, (3, [(0, 8)]));

        foreach (var store in new IProjectTokenStore[] { embedded, a })
        {
            await SubmitAsync(store, "RS", 1, rs);
        }

        await SubmitAsync(embedded, "BA", 2, ba);
        await SubmitAsync(b, "BA", 2, ba);
        var expected = await embedded.ReplaceDataSetAsync("RS", ProjectTestBed.BatchId(3), ProjectTestBed.ContentHash(3), replacement, Ct);
        var replaced = await b.ReplaceDataSetAsync("RS", ProjectTestBed.BatchId(3), ProjectTestBed.ContentHash(3), replacement, Ct);

        Assert.True(a.CanReplaceDataSets);
        Assert.Equal(SubmitStatus.Accepted, replaced.Status);
        Assert.Equal(expected.Withdrawn!.Hits, replaced.Withdrawn!.Hits);
        Assert.Equal(SubmitStatus.Replaced, (await SubmitAsync(a, "RS", 1, rs)).Status);
        foreach (var party in definition.Parties)
        {
            var want = ProjectTestBed.Stream(embedded, party);
            Assert.Equal(want, (await a.ReadHitsAsync(party, 0, int.MaxValue, Ct)).Select(ProjectTestBed.Describe));
            Assert.Equal(want, (await b.ReadHitsAsync(party, 0, int.MaxValue, Ct)).Select(ProjectTestBed.Describe));
            var current = await a.ReadCurrentHitsAsync(party, 0, int.MaxValue, Ct);
            Assert.Equal(embedded.ReadCurrentHits(party, 0, int.MaxValue, out _).Select(ProjectTestBed.Describe), current.Events.Select(ProjectTestBed.Describe));
        }
    }

    [Fact]
    public async Task Purge_on_one_instance_deletes_every_key_and_the_other_instance_drops_its_local_state()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        var a = await OpenAsync(definition, "a");
        await using var b = await OpenAsync(definition, "b");
        foreach (var (party, number, batch) in RandomBatches(seed: 3))
        {
            await SubmitAsync(a, party, number, batch);
        }

        await b.GetCountsAsync(Ct);
        Assert.NotEmpty(await RedisStoreBehaviour.RedisKeysOf(redis, definition.ProjectId));
        Assert.Contains(RedisLogStoreBed.LocalFiles(Dir(definition, "b")), f => f.Contains("wal", StringComparison.Ordinal));

        await a.PurgeAsync(Ct);

        Assert.Empty(await RedisStoreBehaviour.RedisKeysOf(redis, definition.ProjectId));
        Assert.Empty(RedisLogStoreBed.LocalFiles(Dir(definition, "a")));
        var counts = await b.GetCountsAsync(Ct);
        Assert.Equal(0, counts.Hits);
        Assert.All(counts.Parties, p => Assert.Equal(0, p.Records));
        Assert.Empty(await b.ReadHitsAsync("RS", 0, 10, Ct));
        Assert.Empty(RedisLogStoreBed.LocalFiles(Dir(definition, "b")));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => SubmitAsync(b, "RS", 99, ProjectTestBed.Batch(0, (1, [(0, 7)]))));
    }

    [Fact]
    public async Task An_idle_instance_drops_its_local_state_soon_after_another_instance_purged_the_project()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        var a = await OpenAsync(definition, "a");
        await using var b = await OpenAsync(definition, "b");
        await SubmitAsync(a, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        await b.GetCountsAsync(Ct);

        await a.PurgeAsync(Ct);

        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (RedisLogStoreBed.LocalFiles(Dir(definition, "b")).Count > 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }

        Assert.Empty(RedisLogStoreBed.LocalFiles(Dir(definition, "b")));
    }

    [Fact]
    public async Task An_instance_reopening_a_project_that_was_purged_and_created_again_rebuilds_its_local_state()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await using (var b = await OpenAsync(definition, "b"))
        {
            await SubmitAsync(b, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        }

        await RedisProjectStore.PurgeAsync(redis.Connection, definition.ProjectId, ct: Ct);
        await using (var a = await OpenAsync(definition, "a"))
        {
            await SubmitAsync(a, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)])));
        }

        await using var reopened = await OpenAsync(definition, "b");

        var counts = await reopened.GetCountsAsync(Ct);
        Assert.Equal(0, counts.Parties[0].Batches);
        Assert.Equal(1, counts.Parties[1].Batches);
        Assert.Null(await reopened.FindReceiptAsync("RS", ProjectTestBed.BatchId(1), Ct));
    }

    [Fact]
    public async Task Redis_holds_no_token_or_handle_as_submitted_only_sealed_log_entries()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await using var store = await OpenAsync(definition, "a");
        foreach (var (party, number, batch) in RandomBatches(seed: 51))
        {
            await SubmitAsync(store, party, number, batch);
        }

        var everything = new List<byte[]>();
        var db = redis.Connection.GetDatabase();
        var keys = await RedisStoreBehaviour.RedisKeysOf(redis, definition.ProjectId);
        foreach (var key in keys)
        {
            everything.Add(Encoding.Latin1.GetBytes(key));
            switch (await db.KeyTypeAsync(key))
            {
                case RedisType.Stream:
                    foreach (var entry in await db.StreamRangeAsync(key))
                    {
                        everything.AddRange(entry.Values.Select(v => (byte[])v.Value!));
                    }

                    break;
                case RedisType.String:
                    everything.Add((await db.StringGetAsync(key))!);
                    break;
                default:
                    Assert.Fail($"Unexpected key type of {key}.");
                    break;
            }
        }

        Assert.Equal(4, keys.Count); // definition, layout, wrapped data key, log
        Assert.Equal(4 + 3 + 9, everything.Count); // key names, three strings, one log entry per batch
        Assert.DoesNotContain(everything, bytes => bytes.AsSpan().IndexOf("canary-tok"u8) >= 0);
        Assert.DoesNotContain(everything, bytes => bytes.AsSpan().IndexOf("hndl-cn"u8) >= 0);
    }

    [Fact]
    public async Task A_local_disk_failure_fails_the_submission_but_the_logged_batch_is_applied_on_the_next_read_and_a_resend_gets_its_receipt()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        var files = new FaultInjectingFileSystem();
        await using var store = await RedisLogStoreBed.OpenAsync(definition, redis.Connection, Path.GetFullPath("/aquila-log-test/" + definition.ProjectId),
            files: files);
        await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        files.FailNextWrites(1);

        await Assert.ThrowsAnyAsync<IOException>(() => SubmitAsync(store, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)]))));

        Assert.Single(await store.ReadHitsAsync("BA", 0, 10, Ct));
        Assert.Equal(SubmitStatus.AlreadyAccepted, (await SubmitAsync(store, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)])))).Status);
    }

    [Fact]
    public async Task A_project_stored_in_the_postings_layout_is_refused_and_the_message_names_the_layout_to_use()
    {
        redis.Require();
        var definition = Definition(NewProjectId());
        await (await RedisProjectStore.OpenAsync(definition, RedisStoreBehaviour.Options(redis),
            Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance, Ct)).DisposeAsync();

        var refused = await Assert.ThrowsAsync<InvalidDataException>(() => OpenAsync(definition, "a"));

        Assert.Contains("Layout = Postings", refused.Message, StringComparison.Ordinal);
    }

    private string Dir(ProjectDefinition definition, string instance) => _local.File(instance + "-" + definition.ProjectId);

    private Task<RedisLogStore> OpenAsync(ProjectDefinition definition, string instance, TimeSpan? pollInterval = null) =>
        RedisLogStoreBed.OpenAsync(definition, redis.Connection, Dir(definition, instance), pollInterval: pollInterval);

    // Receipts with what the view leaves out (LSN, time, replacement): every instance must give the very same.
    private static async Task<List<string>> FullReceiptsAsync(IProjectTokenStore store, List<(string Party, int BatchNumber, TokenBatch Batch)> batches)
    {
        var all = new List<string>();
        foreach (var (party, number, _) in batches)
        {
            all.Add(ProjectTestBed.Describe(await store.FindReceiptAsync(party, ProjectTestBed.BatchId(number), Ct)));
        }

        return all;
    }
}
