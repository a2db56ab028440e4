namespace Aquila.Coordination.Audit;

/// <summary>What verification found wrong first.</summary>
public enum AuditProblem
{
    /// <summary>Nothing: the chain is intact.</summary>
    None,

    /// <summary>An entry's stored hash differs from SHA-256(prev hash ‖ canonical bytes): the entry was edited.</summary>
    HashMismatch,

    /// <summary>An entry's prev hash differs from the hash of the entry before it: entries were removed, inserted or reordered.</summary>
    BrokenLink,

    /// <summary>A sequence number is missing: an entry was deleted.</summary>
    Gap,

    /// <summary>A row cannot be read as an entry (wrong types, unparsable actor or details).</summary>
    MalformedEntry,

    /// <summary>A node's saved head names a sequence whose hash in the chain differs: history was rewritten.</summary>
    SavedHeadMismatch,

    /// <summary>A node's saved head names a sequence past the end of the chain: entries were removed from the end.</summary>
    SavedHeadMissing,
}
