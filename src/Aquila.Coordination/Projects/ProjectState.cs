namespace Aquila.Coordination.Projects;

/// <summary>
/// Where a matching project is in its one-time life: Draft → KeyCeremony → Open → Matching → Closed → Purged.
/// Hits are computed while Open but released only from Matching on, so the project is never an oracle.
/// </summary>
public enum ProjectState
{
    /// <summary>Being prepared by the coordinator: description, timeline, invitations.</summary>
    Draft,

    /// <summary>The invited nodes run the key ceremony and confirm its transcript fingerprint.</summary>
    KeyCeremony,

    /// <summary>Accepting data sets; no hits are released.</summary>
    Open,

    /// <summary>Hits are released to the parties; analysts give feedback.</summary>
    Matching,

    /// <summary>No more matching; analysts may still give feedback until the purge.</summary>
    Closed,

    /// <summary>Server-side data destroyed; hits kept as (hit id, parties, band) only; nodes attest their own purge.</summary>
    Purged,
}
