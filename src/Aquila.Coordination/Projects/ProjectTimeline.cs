namespace Aquila.Coordination.Projects;

/// <summary>
/// A project's dates (UTC). Valid when <see cref="Start"/> ≤ <see cref="SubmissionDeadline"/> ≤ <see cref="End"/> ≤
/// <see cref="PurgeDate"/>: data sets are accepted until the deadline, feedback until the end, and everything
/// central is destroyed between the end and the purge date.
/// </summary>
/// <param name="Start">When the project starts.</param>
/// <param name="SubmissionDeadline">After this the coordinator may move the project to Matching without waiting for every party.</param>
/// <param name="End">The end of the follow-up window; the project may be purged from then on.</param>
/// <param name="PurgeDate">The latest date by which the project must be purged.</param>
public sealed record ProjectTimeline(DateTimeOffset Start, DateTimeOffset SubmissionDeadline, DateTimeOffset End, DateTimeOffset PurgeDate);
