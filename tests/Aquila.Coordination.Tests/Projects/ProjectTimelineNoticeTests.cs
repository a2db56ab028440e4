using Aquila.Coordination.Projects;

namespace Aquila.Coordination.Tests.Projects;

public class ProjectTimelineNoticeTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_project_whose_dates_all_lie_ahead_gets_no_warning()
    {
        var timeline = new ProjectTimeline(Now.AddDays(1), Now.AddDays(20), Now.AddDays(60), Now.AddDays(120));

        Assert.Empty(ProjectTimelineNotice.For(timeline, Now));
    }

    [Fact]
    public void A_passed_submission_deadline_is_named_with_what_it_allows()
    {
        var timeline = new ProjectTimeline(Now.AddDays(-30), Now.AddDays(-1), Now.AddDays(60), Now.AddDays(120));

        var warning = Assert.Single(ProjectTimelineNotice.For(timeline, Now));

        Assert.Contains("submission deadline 2026-12-06 12:00 UTC has already passed", warning, StringComparison.Ordinal);
        Assert.Contains("Matching as soon as it opens", warning, StringComparison.Ordinal);
    }

    [Fact]
    public void A_passed_end_says_the_project_may_be_purged_once_closed()
    {
        var timeline = new ProjectTimeline(Now.AddDays(-30), Now.AddDays(-7), Now.AddDays(-6), Now.AddDays(120));

        var warning = Assert.Single(ProjectTimelineNotice.For(timeline, Now));

        Assert.Contains("purged as soon as it is closed", warning, StringComparison.Ordinal);
    }
}
