namespace Aquila.Coordination.Projects;

/// <summary>The coordinator purges the project (Closed → Purged; at or after the timeline's end).</summary>
public sealed record PurgeProject : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "purge the project";

    /// <inheritdoc/>
    public override string Name => "project.purge";
}
