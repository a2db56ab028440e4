namespace Aquila.Security;

/// <summary>What a certificate holder may do. Encoded as the lower-case name in the subject's OU attribute.</summary>
public enum PartyRole
{
    /// <summary>A party's node: submits token batches, takes part in the key ceremony, receives hits.</summary>
    Node,

    /// <summary>An analyst of a party: reads hit notifications and confirms or rejects hits.</summary>
    Analyst,

    /// <summary>The coordinator (the Secretariat): runs matching projects and reports indicators.</summary>
    Coordinator,

    /// <summary>An operator who deploys and runs the central matcher; also the role of the server's own certificate.</summary>
    Operator,

    /// <summary>An auditor: reads and verifies the audit chain.</summary>
    Auditor,
}
