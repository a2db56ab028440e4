using Aquila.Matching.Projects;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

public sealed class ProjectMatcherReplaceCrashTests
{
    public static TheoryData<int> Seeds => [.. Enumerable.Range(1, 12)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task A_power_cut_during_a_replacement_leaves_the_old_data_set_or_the_new_one_never_a_mix(int seed)
    {
        using var bed = InMemory(flushLatency: TimeSpan.FromMilliseconds(2));
        var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "BA", 1, Batch(1, (20, [(0, 500)]), (21, [(0, 777)])));
        await SubmitAsync(matcher, "RS", 2, Batch(0, (10, [(0, 500)])));
        await SubmitAsync(matcher, "RS", 3, Batch(0, (11, [(0, 600)])));
        var old = Observe(matcher);

        var inFlight = ReplaceAsync(matcher, "RS", 4, Batch(0, (12, [(0, 777)])));
        bed.Faults.SimulatePowerCut(new Random(seed));
        await Record.ExceptionAsync(() => inFlight);
        await matcher.DisposeAsync();
        await using var reopened = await bed.OpenAsync();

        if (reopened.FindReceipt("RS", BatchId(4)) is null)
        {
            Assert.Equal(old, Observe(reopened));
        }
        else
        {
            AssertReplaced(reopened);
        }
    }

    [Fact]
    public async Task An_acknowledged_replacement_survives_a_power_cut_whole()
    {
        using var bed = InMemory(flushLatency: TimeSpan.FromMilliseconds(2));
        var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "BA", 1, Batch(1, (20, [(0, 500)]), (21, [(0, 777)])));
        await SubmitAsync(matcher, "RS", 2, Batch(0, (10, [(0, 500)])));
        await SubmitAsync(matcher, "RS", 3, Batch(0, (11, [(0, 600)])));
        await ReplaceAsync(matcher, "RS", 4, Batch(0, (12, [(0, 777)])));

        bed.Faults.SimulatePowerCut(new Random(7));
        await matcher.DisposeAsync();
        await using var reopened = await bed.OpenAsync();

        AssertReplaced(reopened);
    }

    private static void AssertReplaced(ProjectMatcher reopened)
    {
        Assert.True(reopened.FindReceipt("RS", BatchId(2))!.IsReplaced);
        Assert.True(reopened.FindReceipt("RS", BatchId(3))!.IsReplaced);
        Assert.NotNull(reopened.FindReceipt("RS", BatchId(4)));
        Assert.Equal((1L, 1L), (reopened.Counts.Parties[0].Batches, reopened.Counts.Parties[0].Records));
        Assert.Equal(["1 New", "2 Withdrawn", "3 New"], Stream(reopened, "BA").Select(e => string.Join(' ', e.Split(' ')[..2])));
        Assert.Equal(1, reopened.Counts.Hits);
    }

    [Fact]
    public async Task A_replacement_that_fails_on_a_full_disk_changes_nothing_now_or_after_a_restart()
    {
        using var bed = InMemory();
        List<string> old;
        await using (var matcher = await bed.OpenAsync())
        {
            await SubmitAsync(matcher, "BA", 1, Batch(1, (20, [(0, 500)])));
            await SubmitAsync(matcher, "RS", 2, Batch(0, (10, [(0, 500)])));
            old = Observe(matcher);

            bed.Faults.FailNextWrites(1);
            await Assert.ThrowsAsync<IOException>(() => ReplaceAsync(matcher, "RS", 3, Batch(0, (12, [(0, 777)]))));

            Assert.Equal(old, Observe(matcher));
        }

        await using var reopened = await bed.OpenAsync();

        Assert.Equal(old, Observe(reopened));
    }

    private static List<string> Observe(ProjectMatcher matcher) =>
    [
        .. Parties.SelectMany(p => Stream(matcher, p).Select(e => p + " " + e)),
        .. Enumerable.Range(1, 4).Select(i => Describe(matcher.FindReceipt(i == 1 ? "BA" : "RS", BatchId(i)))),
        .. matcher.Counts.Parties.Select(p => p.ToString()),
        matcher.Counts.ToString(),
    ];
}
