namespace Aquila.Matching.Index;

/// <summary>What <see cref="TokenIndex.Add"/> did with a posting.</summary>
public enum PostingAddResult
{
    /// <summary>The posting is stored and usable for hits (unless a later posting crosses the fanout).</summary>
    Added,

    /// <summary>The same record of the same party already holds this token; nothing changed.</summary>
    Duplicate,

    /// <summary>
    /// The party now holds this token in more than max_fanout records (just now or earlier): its postings for the
    /// token are counted but not used for hits.
    /// </summary>
    Suppressed,
}
