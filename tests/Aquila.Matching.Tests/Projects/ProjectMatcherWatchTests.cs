using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

public sealed class ProjectMatcherWatchTests
{
    [Fact]
    public async Task Reading_after_a_cursor_returns_only_later_events_up_to_the_maximum()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 1)]), (11, [(0, 2)]), (12, [(0, 3)]), (13, [(0, 4)])));
        await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 1)]), (21, [(0, 2)]), (22, [(0, 3)]), (23, [(0, 4)])));

        var page = matcher.ReadHits("RS", 1, 2);

        Assert.Equal([2L, 3L], page.Select(e => e.Sequence));
        Assert.Empty(matcher.ReadHits("RS", 4, 10));
    }

    [Fact]
    public async Task Waiting_completes_when_a_new_batch_creates_a_hit_for_the_party()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 1)])));
        var cursor = matcher.LastHitSequence("RS");
        var waiting = matcher.WaitForHitsAsync("RS", cursor, TestContext.Current.CancellationToken);

        await SubmitAsync(matcher, "ME", 2, Batch(2, (30, [(0, 99)])));
        Assert.False(waiting.IsCompleted);
        await SubmitAsync(matcher, "BA", 3, Batch(1, (20, [(0, 1)])));
        await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken);

        var fresh = Assert.Single(matcher.ReadHits("RS", cursor, 10));
        Assert.Equal("BA", fresh.Hit.OtherPartyCode);
    }

    [Fact]
    public async Task Waiting_behind_the_last_sequence_completes_at_once()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 1)])));
        await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 1)])));

        var waiting = matcher.WaitForHitsAsync("RS", 0, TestContext.Current.CancellationToken);

        Assert.True(waiting.IsCompletedSuccessfully);
    }

    [Fact]
    public async Task Waiting_is_cancelled_by_its_token()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        using var cancel = new CancellationTokenSource();
        var waiting = matcher.WaitForHitsAsync("RS", 0, cancel.Token);

        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
    }

    [Fact]
    public async Task Closing_the_matcher_ends_every_wait_with_object_disposed()
    {
        using var bed = InMemory();
        var matcher = await bed.OpenAsync();
        var waiting = matcher.WaitForHitsAsync("ME", 0, TestContext.Current.CancellationToken);

        await matcher.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => waiting);
    }

    [Fact]
    public async Task Reading_the_stream_of_a_party_outside_the_roster_is_an_argument_error()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();

        Assert.Throws<ArgumentException>(() => matcher.ReadHits("XK", 0, 10));
        Assert.Null(matcher.FindReceipt("XK", BatchId(1)));
    }
}
