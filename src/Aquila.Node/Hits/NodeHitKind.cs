namespace Aquila.Node.Hits;

/// <summary>What a hit event tells the party.</summary>
public enum NodeHitKind
{
    /// <summary>A new hit.</summary>
    New,

    /// <summary>A known hit (same hit id) now agrees on more keys; its band may have risen.</summary>
    Updated,

    /// <summary>The hit no longer exists: the party or the other party replaced a data set. Do not follow it up.</summary>
    Withdrawn,
}
