namespace Aquila.Matching.Index;

/// <summary>How a batch changed a hit.</summary>
/// <remarks>Stored as a byte in project snapshots: never renumber.</remarks>
public enum HitChangeKind
{
    /// <summary>The record pair had no hit before the batch.</summary>
    New,

    /// <summary>
    /// The pair already had a hit and the batch added agreeing keys (the band may have risen). The id is unchanged;
    /// the change carries the hit's full new state, so consumers replace, never merge.
    /// </summary>
    Updated,

    /// <summary>
    /// The hit no longer exists: one of its parties replaced its data set. The event carries the hit's last state; the
    /// same id may come back later as <see cref="New"/> when the new data set holds the same records.
    /// </summary>
    Withdrawn,
}
