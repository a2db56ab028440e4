namespace Aquila.Node.Purging;

/// <summary><see cref="ProjectPurge"/> refused: nothing was destroyed and nothing attested.</summary>
public sealed class PurgeRefusedException : Exception
{
    public PurgeRefusedException()
    {
    }

    public PurgeRefusedException(string message)
        : base(message)
    {
    }

    public PurgeRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public PurgeRefusedException(PurgeRefusal reason, string projectId, string state, string? keyProject)
        : base(reason == PurgeRefusal.ProjectNotPurged
            ? $"Project '{projectId}' is {state}, not purged; nothing was destroyed."
            : $"The key file is the project key of project {keyProject}, not of {projectId}; nothing was destroyed.")
    {
        Reason = reason;
        ProjectId = projectId;
        State = state;
        KeyProject = keyProject;
    }

    public PurgeRefusal Reason { get; }

    /// <summary>The project as the server names it.</summary>
    public string ProjectId { get; } = "";

    /// <summary>The project's lifecycle state in its wire form (<c>key_ceremony</c>, <c>purged</c>).</summary>
    public string State { get; } = "";

    /// <summary>The project the key file is for, with <see cref="PurgeRefusal.KeyOfAnotherProject"/>.</summary>
    public string? KeyProject { get; }
}
