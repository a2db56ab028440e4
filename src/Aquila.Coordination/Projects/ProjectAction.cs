namespace Aquila.Coordination.Projects;

/// <summary>
/// Something a caller asks to do to a project; <see cref="ProjectLifecycle.Apply"/> decides whether it may. Feedback is
/// not a project change (it is stored per hit) and is checked with <see cref="ProjectLifecycle.CheckFeedback"/>.
/// </summary>
public abstract record ProjectAction
{
    private protected ProjectAction()
    {
    }

    /// <summary>What the action does, as words in a message ("start the key ceremony").</summary>
    public abstract string Description { get; }

    /// <summary>A stable short name for audit details and metrics ("ceremony.start").</summary>
    public abstract string Name { get; }
}
