namespace Aquila.Matching.Index;

/// <summary>How a batch changed a hit.</summary>
public enum HitChangeKind
{
    /// <summary>The record pair had no hit before the batch.</summary>
    New,

    /// <summary>
    /// The pair already had a hit and the batch added agreeing keys (the band may have risen). The id is unchanged;
    /// the change carries the hit's full new state, so consumers replace, never merge.
    /// </summary>
    Updated,
}
