namespace Aquila.Node.Purging;

/// <summary>Why <see cref="ProjectPurge"/> destroyed nothing.</summary>
public enum PurgeRefusal
{
    /// <summary>The project is not purged yet: its key is still needed.</summary>
    ProjectNotPurged,

    /// <summary>The key file given is the wrapped key of another project.</summary>
    KeyOfAnotherProject,
}
