namespace Aquila.Coordination.Projects;

/// <summary>The coordinator releases hits (Open → Matching; deadline passed or every party submitted).</summary>
public sealed record StartMatching : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "move the project to Matching";

    /// <inheritdoc/>
    public override string Name => "project.matching";
}
