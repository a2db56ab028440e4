namespace Aquila.Coordination.Projects;

/// <summary>
/// The matcher records an accepted batch of a node's own party (Open only). With <paramref name="ReplacesEarlier"/> the
/// batch replaces the party's earlier data set, so the counts restart from this batch.
/// </summary>
public sealed record RecordSubmission(string Party, long Records, long Tokens, bool ReplacesEarlier = false) : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "submit a data set";

    /// <inheritdoc/>
    public override string Name => "submission";
}
