using Aquila.Matching.Lists;

namespace Aquila.Matching.Tests.Lists;

/// <summary>
/// What contributors saw when they used a joint list (issue 21, item 4): re-adding entries is a re-confirmation, the same
/// case asking twice is one notification, and reciprocity asks for an entry actually held.
/// </summary>
public class JointListUsabilityTests
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Adding_entries_the_contributor_holds_already_counts_them_as_re_confirmed_not_added()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)), ListTestBed.Entry(2, (1, 20)));

        var again = await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)), ListTestBed.Entry(2, (1, 21)), ListTestBed.Entry(3, (1, 30)));

        Assert.Equal((1, 2, 0, 3), (again.Added, again.Reconfirmed, again.Removed, again.Entries));
    }

    [Fact]
    public async Task A_replace_re_confirms_the_entries_it_keeps_and_removes_only_the_others()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)), ListTestBed.Entry(2, (1, 20)));

        var (replaced, _) = await list.ChangeAsync("RS", ListChangeKind.Replace, [ListTestBed.Entry(1, (1, 10)), ListTestBed.Entry(4, (1, 40))], [],
            Cancel);

        Assert.Equal((1, 1, 1, 2), (replaced!.Added, replaced.Reconfirmed, replaced.Removed, replaced.Entries));
        Assert.False((await ListTestBed.QueryAsync(list, "BA", "C", (1, 20))).IsHit);
        Assert.True((await ListTestBed.QueryAsync(list, "BA", "C", (1, 10))).IsHit);
    }

    [Fact]
    public async Task The_same_case_asking_twice_about_an_entry_notifies_its_contributor_once_even_after_a_restart()
    {
        var bed = new ListTestBed();
        await using (var list = await bed.OpenAsync())
        {
            await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)));

            var first = await ListTestBed.QueryAsync(list, "ME", "CASE-1", (1, 10));
            var second = await ListTestBed.QueryAsync(list, "ME", "CASE-1", (1, 10), (0, 5));
            await ListTestBed.QueryAsync(list, "ME", "CASE-2", (1, 10));

            Assert.Equal(first.Hits[0].HitId, second.Hits[0].HitId);
            Assert.Equal(["CASE-1", "CASE-2"], list.ReadEvents("RS", 0, 10).Select(e => e.CaseReference));
        }

        await using var reopened = await bed.OpenAsync();
        Assert.Equal(["CASE-1", "CASE-2"], reopened.ReadEvents("RS", 0, 10).Select(e => e.CaseReference));
        Assert.Equal([1L, 2L], reopened.ReadEvents("RS", 0, 10).Select(e => e.Sequence));
    }

    [Fact]
    public async Task A_contributor_holds_a_live_entry_only_between_adding_one_and_its_removal_or_review_date()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        var before = list.HoldsLiveEntry("RS");
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, ListTestBed.Today, (1, 10)), ListTestBed.Entry(2, ListTestBed.Today.AddDays(2), (1, 20)));
        var added = list.HoldsLiveEntry("RS");
        await list.ChangeAsync("RS", ListChangeKind.Remove, [], [ListTestBed.Handle(2)], Cancel);
        var lastDay = list.HoldsLiveEntry("RS");
        bed.Clock.Now = bed.Clock.Now.AddDays(1);
        var pastReview = list.HoldsLiveEntry("RS");
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, ListTestBed.Today.AddDays(30), (1, 10)));
        var reconfirmed = list.HoldsLiveEntry("RS");

        Assert.Equal((false, true, true, false, true), (before, added, lastDay, pastReview, reconfirmed));
        Assert.False(list.HoldsLiveEntry("AL"));
    }

    [Fact]
    public async Task Live_entries_are_known_again_after_a_restart()
    {
        var bed = new ListTestBed();
        await using (var list = await bed.OpenAsync())
        {
            await ListTestBed.AddAsync(list, "BA", ListTestBed.Entry(1, (1, 10)));
        }

        await using var reopened = await bed.OpenAsync();

        Assert.Equal((true, false), (reopened.HoldsLiveEntry("BA"), reopened.HoldsLiveEntry("RS")));
    }
}
