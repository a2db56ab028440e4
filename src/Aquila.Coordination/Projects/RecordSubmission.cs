namespace Aquila.Coordination.Projects;

/// <summary>
/// The matcher records an accepted batch of a node's own party (Open only). With <paramref name="ReplacesEarlier"/> the
/// batch replaces the party's earlier data set, so the counts restart from this batch.
/// </summary>
public sealed record RecordSubmission(string Party, long Records, long Tokens, bool ReplacesEarlier = false) : ProjectAction
{
    /// <summary>
    /// The accepted batch (hex), when known: recorded in the audit entry so that a coordinator applying a matcher
    /// instance's relayed acceptance can tell whether it already counted that batch.
    /// </summary>
    public string? BatchId { get; init; }

    /// <inheritdoc/>
    public override string Description => "submit a data set";

    /// <inheritdoc/>
    public override string Name => "submission";
}
