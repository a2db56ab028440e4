namespace Aquila.Node.Lists;

/// <summary>What a bulk check gave one input row.</summary>
public enum BulkCheckOutcome
{
    /// <summary>The list holds a matching entry: contact the contributor.</summary>
    Hit,

    /// <summary>No entry matches.</summary>
    NoHit,

    /// <summary>The server did not ask the list about the person (e.g. the party's quota was used up); audited.</summary>
    Refused,

    /// <summary>The row could not be read or tokenised on the node; nothing was sent.</summary>
    Rejected,

    /// <summary>The call ended (refused or broken) before the person was answered.</summary>
    NotSent,
}
