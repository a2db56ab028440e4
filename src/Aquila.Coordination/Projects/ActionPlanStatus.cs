namespace Aquila.Coordination.Projects;

/// <summary>The status column of an action-plan row.</summary>
public enum ActionPlanStatus
{
    /// <summary>Planned, not started.</summary>
    Foreseen,

    /// <summary>Started.</summary>
    Initiated,

    /// <summary>Running.</summary>
    Ongoing,

    /// <summary>Done.</summary>
    Completed,
}
