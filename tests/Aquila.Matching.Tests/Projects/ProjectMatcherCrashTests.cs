using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

public sealed class ProjectMatcherCrashTests
{
    // Batch i of party i % 2 shares a token with batch i - 1 of the other party, so nearly every batch makes a hit.
    private static TokenBatchFor Next(int i) => new(Parties[i % 2], Batch(i % 2, (i, [(0, 1000 + ((i + 1) / 2))])));

    private sealed record TokenBatchFor(string Party, TokenBatch Batch);

    [Fact]
    public async Task After_a_power_cut_every_acknowledged_batch_is_back_with_unchanged_sequences_and_no_duplicate_events()
    {
        using var bed = InMemory(flushLatency: TimeSpan.FromMilliseconds(2));
        var matcher = await bed.OpenAsync();
        var acknowledged = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            var next = Next(i);
            acknowledged.Add(Describe((await SubmitAsync(matcher, next.Party, i, next.Batch)).Receipt));
        }

        var streamsBefore = Parties.Select(p => Stream(matcher, p)).ToList();
        var unacknowledged = Next(12);
        var inFlight = SubmitAsync(matcher, unacknowledged.Party, 12, unacknowledged.Batch);

        bed.Faults.SimulatePowerCut();
        var survivedTheCut = await Record.ExceptionAsync(() => inFlight) is null;
        await matcher.DisposeAsync();
        await using var reopened = await bed.OpenAsync();

        Assert.Equal(acknowledged, Enumerable.Range(0, 12).Select(i => Describe(reopened.FindReceipt(Next(i).Party, BatchId(i)))));
        for (var p = 0; p < Parties.Length; p++)
        {
            var after = Stream(reopened, Parties[p]);
            Assert.Equal(streamsBefore[p], after.Take(streamsBefore[p].Count));
            var newHitIds = reopened.ReadHits(Parties[p], 0, int.MaxValue).Where(e => e.Kind == HitChangeKind.New).Select(e => e.Hit.HitId);
            Assert.Equal(newHitIds.Distinct().Count(), newHitIds.Count());
        }

        if (survivedTheCut)
        {
            Assert.NotNull(reopened.FindReceipt(unacknowledged.Party, BatchId(12)));
        }
    }

    [Fact]
    public async Task A_batch_resent_after_a_power_cut_is_accepted_once()
    {
        using var bed = InMemory(flushLatency: TimeSpan.FromMilliseconds(2));
        var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));
        var inFlight = SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)])));
        bed.Faults.SimulatePowerCut();
        await Record.ExceptionAsync(() => inFlight);
        await matcher.DisposeAsync();
        await using var reopened = await bed.OpenAsync();

        var resent = await SubmitAsync(reopened, "BA", 2, Batch(1, (20, [(0, 500)])));

        Assert.Contains(resent.Status, new[] { SubmitStatus.Accepted, SubmitStatus.AlreadyAccepted });
        Assert.Equal(1, reopened.LastHitSequence("BA"));
        Assert.Equal(1, reopened.Counts.Parties[1].Batches);
    }

    [Fact]
    public async Task Disk_full_on_append_throws_applies_nothing_and_the_next_submission_works()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));
        var countsBefore = matcher.Counts.Parties;

        bed.Faults.FailNextWrites(1);
        await Assert.ThrowsAsync<IOException>(() => SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)]))));

        Assert.Equal(countsBefore, matcher.Counts.Parties);
        Assert.Null(matcher.FindReceipt("BA", BatchId(2)));
        Assert.Equal(0, matcher.LastHitSequence("RS"));

        var retried = await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)])));
        Assert.Equal(SubmitStatus.Accepted, retried.Status);
        Assert.Equal(1, matcher.LastHitSequence("RS"));
    }

    [Fact]
    public async Task A_batch_that_failed_on_a_full_disk_is_not_there_after_a_restart()
    {
        using var bed = InMemory();
        await using (var matcher = await bed.OpenAsync())
        {
            bed.Faults.FailNextWrites(1);
            await Assert.ThrowsAsync<IOException>(() => SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)]))));
        }

        await using var reopened = await bed.OpenAsync();

        Assert.Null(reopened.FindReceipt("BA", BatchId(2)));
        Assert.Equal(0, reopened.Counts.Parties[1].Batches);
    }
}
