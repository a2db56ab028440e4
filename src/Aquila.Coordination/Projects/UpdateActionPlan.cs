namespace Aquila.Coordination.Projects;

/// <summary>The coordinator replaces the action-plan entry (any state before Purged).</summary>
public sealed record UpdateActionPlan(ActionPlanEntry ActionPlan) : ProjectAction
{
    /// <inheritdoc/>
    public override string Description => "update the action-plan entry";

    /// <inheritdoc/>
    public override string Name => "actionplan.update";
}
