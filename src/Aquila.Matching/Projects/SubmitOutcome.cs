namespace Aquila.Matching.Projects;

/// <summary>The answer to a submission.</summary>
/// <param name="Status">What became of the batch.</param>
/// <param name="Receipt">The receipt for <see cref="SubmitStatus.Accepted"/> and <see cref="SubmitStatus.AlreadyAccepted"/>; null otherwise.</param>
/// <param name="Problem">Why the batch was refused or conflicts, for the submitting party (counts and positions, never values).</param>
public sealed record SubmitOutcome(SubmitStatus Status, BatchReceipt? Receipt, string? Problem)
{
    /// <summary>
    /// For a replacing batch just accepted (<see cref="ProjectMatcher.ReplaceDataSetAsync"/>): the earlier data set it
    /// withdrew. Null otherwise, also for a resend.
    /// </summary>
    public WithdrawnDataSet? Withdrawn { get; init; }
}
