using System.Globalization;

namespace Aquila.Coordination.Projects;

/// <summary>
/// What a coordinator should be told about a project's dates when it is created: a submission deadline or an end
/// that has already passed changes what the lifecycle allows at once (Matching without waiting, an immediate purge).
/// </summary>
public static class ProjectTimelineNotice
{
    /// <summary>Warnings about dates already past at <paramref name="now"/>; empty when every date lies ahead.</summary>
    public static IReadOnlyList<string> For(ProjectTimeline timeline, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(timeline);
        var warnings = new List<string>();
        if (timeline.PurgeDate <= now)
        {
            warnings.Add($"the purge date {Format(timeline.PurgeDate)} has already passed: the project will be purged as soon as it is closed.");
        }
        else if (timeline.End <= now)
        {
            warnings.Add($"the submission deadline {Format(timeline.SubmissionDeadline)} and the end {Format(timeline.End)} have already "
                + "passed: the project may move to Matching as soon as it opens, without waiting for every party, and may be purged "
                + "as soon as it is closed. Check the timeline if this is not a rehearsal.");
        }
        else if (timeline.SubmissionDeadline <= now)
        {
            warnings.Add($"the submission deadline {Format(timeline.SubmissionDeadline)} has already passed: the project may move to "
                + "Matching as soon as it opens, without waiting for every party. Check the timeline if this is not a rehearsal.");
        }

        return warnings;
    }

    private static string Format(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " UTC";
}
