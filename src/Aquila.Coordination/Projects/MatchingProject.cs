using System.Collections.Immutable;

namespace Aquila.Coordination.Projects;

/// <summary>
/// A one-time matching project as the coordinator runs it: the action-plan row it implements, its timeline, the pinned
/// match-key schema, the invited parties and what happened so far (ceremony, submissions, purge attestations).
/// Immutable: <see cref="ProjectLifecycle"/> returns a new value for every allowed action. Check a new project with
/// <see cref="ProjectValidator"/>.
/// </summary>
public sealed record MatchingProject
{
    /// <summary>Default <see cref="MaxFanout"/>.</summary>
    public const int DefaultMaxFanout = 5;

    /// <summary>The project id: 1–64 of ASCII letters, digits, '.', '_', '-'.</summary>
    public required string Id { get; init; }

    /// <summary>The action-plan row the project implements.</summary>
    public required ActionPlanEntry ActionPlan { get; init; }

    /// <summary>The project's dates.</summary>
    public required ProjectTimeline Timeline { get; init; }

    /// <summary>SHA-256 of the match-key schema document, pinned at creation: 64 lower-case hex digits.</summary>
    public required string SchemaHash { get; init; }

    /// <summary>Most records of one party that may share a token and still be used for hits (1–1,000,000).</summary>
    public int MaxFanout { get; init; } = DefaultMaxFanout;

    /// <summary>The invited parties in invitation order (at least two, no duplicates).</summary>
    public required ImmutableArray<InvitedParty> Parties { get; init; }

    /// <summary>The legal basis for sharing hits with the parties (1–2000 characters).</summary>
    public required string HitSharingLegalBasis { get; init; }

    /// <summary>The data-subject categories records may belong to (at least one, no duplicates).</summary>
    public required ImmutableArray<DataSubjectCategory> AllowedCategories { get; init; }

    /// <summary>The lifecycle state.</summary>
    public ProjectState State { get; init; } = ProjectState.Draft;

    /// <summary>
    /// Which run of the key ceremony is current: 0 before it starts, then 1, 2, ... — raised by every (re)start,
    /// including the automatic restart when the roster changes during the ceremony. Relayed messages and
    /// confirmations belong to one round; a node still running an older round is told to join again.
    /// </summary>
    public int CeremonyRound { get; init; }

    /// <summary>Ceremony confirmations of the current round, one per party that confirmed (the latest wins).</summary>
    public ImmutableArray<CeremonyConfirmation> Confirmations { get; init; } = [];

    /// <summary>Submission counts, one per party that submitted.</summary>
    public ImmutableArray<PartySubmission> Submissions { get; init; } = [];

    /// <summary>Node purge attestations, one per party.</summary>
    public ImmutableArray<PurgeAttestation> PurgeAttestations { get; init; } = [];

    /// <summary>When the project was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the project moved to Matching (hits released), if it did.</summary>
    public DateTimeOffset? MatchingStartedAt { get; init; }

    /// <summary>When the project was closed, if it was.</summary>
    public DateTimeOffset? ClosedAt { get; init; }

    /// <summary>When the project was purged, if it was.</summary>
    public DateTimeOffset? PurgedAt { get; init; }

    /// <summary>Incremented by every change; the store uses it for optimistic concurrency.</summary>
    public long Version { get; init; }

    /// <summary>One-time matching project (the default) or a standing/joint list.</summary>
    public ProjectKind Kind { get; init; } = ProjectKind.OneTime;

    /// <summary>The list's contributors, access policy and quota; set exactly when <see cref="Kind"/> is <see cref="ProjectKind.List"/>.</summary>
    public ListPolicy? List { get; init; }
}
