using Aquila.Matching.Projects;
using Aquila.Matching.Tests.Projects;
using static Aquila.Matching.Tests.Redis.StoreScenario;

namespace Aquila.Matching.Tests.Redis;

// The capabilities callers use instead of asking which store they have: current hits and data-set replacement.
public abstract partial class TokenStoreBehaviour
{
    [Fact]
    public async Task Without_a_replacement_the_current_hits_are_the_whole_stream()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(Definition(NewProjectId()));
        await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)]), (2, [(0, 8)])));
        await SubmitAsync(store, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)]), (2, [(0, 8)])));

        var all = await store.ReadHitsAsync("BA", 0, 100, cancel);
        var current = await store.ReadCurrentHitsAsync("BA", 0, 100, cancel);

        Assert.NotEmpty(all);
        Assert.Equal(all.Select(e => Describe(e.Hit)), current.Events.Select(e => Describe(e.Hit)));
        Assert.Equal(all[^1].Sequence, current.ScannedThrough);
    }

    [Fact]
    public async Task Current_hits_after_the_end_of_the_stream_are_none_and_keep_the_cursor()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(Definition(NewProjectId()));
        await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)])));
        await SubmitAsync(store, "BA", 2, ProjectTestBed.Batch(1, (1, [(0, 7)])));
        var last = await store.LastHitSequenceAsync("BA", cancel);

        var current = await store.ReadCurrentHitsAsync("BA", last, 100, cancel);

        Assert.Empty(current.Events);
        Assert.Equal(last, current.ScannedThrough);
    }

    [Fact]
    public async Task CanReplaceDataSets_tells_whether_a_replacement_is_applied_or_refused_before_anything_changes()
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var store = await OpenAsync(Definition(NewProjectId()));
        await SubmitAsync(store, "RS", 1, ProjectTestBed.Batch(0, (1, [(0, 7)]), (2, [(0, 8)])));
        var replacement = ProjectTestBed.Batch(0, (3, [(0, 9)]));

        if (store.CanReplaceDataSets)
        {
            var outcome = await store.ReplaceDataSetAsync("RS", ProjectTestBed.BatchId(2), ProjectTestBed.ContentHash(2), replacement, cancel);
            Assert.Equal(SubmitStatus.Accepted, outcome.Status);
            Assert.Equal(1, (await store.GetCountsAsync(cancel)).Parties[0].Records);
        }
        else
        {
            await Assert.ThrowsAsync<NotSupportedException>(() =>
                store.ReplaceDataSetAsync("RS", ProjectTestBed.BatchId(2), ProjectTestBed.ContentHash(2), replacement, cancel));
            Assert.Equal(2, (await store.GetCountsAsync(cancel)).Parties[0].Records);
        }
    }
}
