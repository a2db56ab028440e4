using Aquila.Matching.Projects;
using Aquila.Matching.Tests.Projects;
using static Aquila.Matching.Tests.Redis.StoreScenario;

namespace Aquila.Matching.Tests.Redis;

/// <summary>
/// The behaviour every <see cref="IProjectTokenStore"/> must have, run against each store by a subclass: the embedded
/// store, Redis on one instance and Redis on a 3-master cluster.
/// </summary>
public abstract partial class TokenStoreBehaviour
{
    /// <summary>Opens (or reopens) the store of a project.</summary>
    protected abstract Task<IProjectTokenStore> OpenAsync(ProjectDefinition definition);

    /// <summary>Opens the store so that its next submission fails half-way with an <see cref="IOException"/>, as in a crash.</summary>
    protected abstract Task<IProjectTokenStore> OpenFailingOnceAsync(ProjectDefinition definition);

    /// <summary>Whether anything of the project is left in the backing storage.</summary>
    protected abstract Task<bool> HasStateAsync(string projectId);

    [Fact]
    public async Task A_resent_batch_gets_its_first_receipt_and_adds_no_hit_events()
    {
        var definition = Definition(NewProjectId());
        await using var store = await OpenAsync(definition);
        await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        var first = await SubmitAsync(store, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)])));

        var again = await SubmitAsync(store, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)])));

        Assert.Equal(SubmitStatus.AlreadyAccepted, again.Status);
        Assert.Equal(Describe(first.Receipt!), Describe(again.Receipt!));
        Assert.Equal(first.Receipt!.AcceptedAt, again.Receipt!.AcceptedAt);
        Assert.Equal(1, await store.LastHitSequenceAsync("BA", TestContext.Current.CancellationToken));
        Assert.Equal(1, (await store.GetCountsAsync(TestContext.Current.CancellationToken)).Parties[1].Batches);
    }

    [Fact]
    public async Task A_batch_id_reused_with_other_content_is_a_conflict_and_changes_nothing()
    {
        var definition = Definition(NewProjectId());
        await using var store = await OpenAsync(definition);
        await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));

        var conflict = await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (2, [(0, 8)])), content: 99);

        Assert.Equal(SubmitStatus.Conflict, conflict.Status);
        Assert.Null(conflict.Receipt);
        var counts = await store.GetCountsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(1, counts.Parties[0].Records);
    }

    [Fact]
    public async Task A_batch_of_a_party_outside_the_roster_is_refused_without_naming_any_value()
    {
        await using var store = await OpenAsync(Definition(NewProjectId()));

        var refused = await SubmitAsync(store, "XK", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));

        Assert.Equal(SubmitStatus.Refused, refused.Status);
        Assert.Contains("XK", refused.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 2)]
    [InlineData(3, 1)]
    public async Task The_same_batches_give_the_same_hits_receipts_and_counts_as_the_embedded_store(int seed, int maxFanout)
    {
        var definition = Definition(NewProjectId(), maxFanout);
        var batches = RandomBatches(seed);
        var expected = await EmbeddedReferenceAsync(definition, batches);
        await using var store = await OpenAsync(definition);
        var receipts = new List<string>();

        foreach (var (party, number, batch) in batches)
        {
            receipts.Add(Describe((await SubmitAsync(store, party, number, batch)).Receipt!));
        }

        var actual = await ViewAsync(store, receipts);
        Assert.NotEmpty(expected.FinalHits);
        expected.AssertSame(actual);
    }

    [Fact]
    public async Task A_batch_interrupted_half_way_is_accepted_once_when_resent_with_the_hits_of_an_uninterrupted_run()
    {
        var definition = Definition(NewProjectId(), maxFanout: 2);
        var batches = RandomBatches(seed: 7);
        var expected = await EmbeddedReferenceAsync(definition, batches);
        var receipts = new List<string>();
        await using (var before = await OpenAsync(definition))
        {
            foreach (var (party, number, batch) in batches.Take(4))
            {
                receipts.Add(Describe((await SubmitAsync(before, party, number, batch)).Receipt!));
            }
        }

        await using var store = await OpenFailingOnceAsync(definition);
        var interrupted = batches[4];
        await Assert.ThrowsAnyAsync<IOException>(() => SubmitAsync(store, interrupted.Party, interrupted.BatchNumber, interrupted.Batch));
        foreach (var (party, number, batch) in batches.Skip(4))
        {
            var outcome = await SubmitAsync(store, party, number, batch);
            Assert.Equal(SubmitStatus.Accepted, outcome.Status);
            receipts.Add(Describe(outcome.Receipt!));
        }

        expected.AssertSame(await ViewAsync(store, receipts));
        Assert.Equal(SubmitStatus.AlreadyAccepted, (await SubmitAsync(store, interrupted.Party, interrupted.BatchNumber, interrupted.Batch)).Status);
    }

    [Fact]
    public async Task A_hit_stream_read_from_a_cursor_continues_where_the_reader_stopped()
    {
        await using var store = await OpenAsync(Definition(NewProjectId()));
        foreach (var (party, number, batch) in RandomBatches(seed: 11))
        {
            await SubmitAsync(store, party, number, batch);
        }

        var all = await store.ReadHitsAsync("RS", 0, int.MaxValue, TestContext.Current.CancellationToken);
        var pages = new List<PartyHitEvent>();
        var cursor = 0L;
        while (true)
        {
            var page = await store.ReadHitsAsync("RS", cursor, 3, TestContext.Current.CancellationToken);
            if (page.Count == 0)
            {
                break;
            }

            pages.AddRange(page);
            cursor = page[^1].Sequence;
        }

        Assert.True(all.Count > 3);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(i => (long)i), all.Select(e => e.Sequence));
        Assert.Equal(all.Select(e => e.Sequence + " " + Describe(e.Hit)), pages.Select(e => e.Sequence + " " + Describe(e.Hit)));
        Assert.Equal(all.Count, await store.LastHitSequenceAsync("RS", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task A_watcher_waiting_after_the_last_sequence_wakes_when_a_hit_arrives()
    {
        await using var store = await OpenAsync(Definition(NewProjectId()));
        await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        var waiting = store.WaitForHitsAsync("RS", 0, TestContext.Current.CancellationToken);
        await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.False(waiting.IsCompleted);

        await SubmitAsync(store, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)])));

        await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);
        Assert.Equal(1, await store.LastHitSequenceAsync("RS", TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reopening_a_project_gives_the_same_receipts_streams_and_counts()
    {
        var definition = Definition(NewProjectId(), maxFanout: 2);
        var receipts = new List<string>();
        StoreView before;
        await using (var store = await OpenAsync(definition))
        {
            foreach (var (party, number, batch) in RandomBatches(seed: 5))
            {
                receipts.Add(Describe((await SubmitAsync(store, party, number, batch)).Receipt!));
            }

            before = await ViewAsync(store, receipts);
        }

        await using var reopened = await OpenAsync(definition);

        before.AssertSame(await ViewAsync(reopened, receipts));
        var found = await reopened.FindReceiptAsync("RS", ProjectTestBed.BatchId(RandomBatches(seed: 5).First(b => b.Party == "RS").BatchNumber),
            TestContext.Current.CancellationToken);
        Assert.NotNull(found);
    }

    [Fact]
    public async Task Reopening_a_project_with_another_roster_is_refused()
    {
        var projectId = NewProjectId();
        await using (var store = await OpenAsync(Definition(projectId)))
        {
            await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        }

        await Assert.ThrowsAsync<ProjectDefinitionMismatchException>(() => OpenAsync(Definition(projectId, parties: ["RS", "BA"])));
    }

    [Fact]
    public async Task Purge_deletes_the_project_state_so_a_reopened_project_is_empty()
    {
        var definition = Definition(NewProjectId());
        var store = await OpenAsync(definition);
        foreach (var (party, number, batch) in RandomBatches(seed: 3))
        {
            await SubmitAsync(store, party, number, batch);
        }

        Assert.True(await HasStateAsync(definition.ProjectId));

        await store.PurgeAsync(TestContext.Current.CancellationToken);

        Assert.False(await HasStateAsync(definition.ProjectId));
        await using var reopened = await OpenAsync(definition);
        var counts = await reopened.GetCountsAsync(TestContext.Current.CancellationToken);
        Assert.Equal(0, counts.Hits);
        Assert.All(counts.Parties, p => Assert.Equal(0, p.Batches));
        Assert.Null(await reopened.FindReceiptAsync("RS", ProjectTestBed.BatchId(1), TestContext.Current.CancellationToken));
    }
}
