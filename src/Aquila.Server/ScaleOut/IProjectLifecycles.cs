using Aquila.Coordination.Projects;
using Aquila.Security;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// Where the matching side of a server reads coordinated projects' lifecycle and reports what changes it: the local
/// project store (Standalone, Coordinator) or the copy the coordinator publishes in Redis (Matcher).
/// </summary>
internal interface IProjectLifecycles
{
    /// <summary>True when the lifecycle is another instance's (read from Redis): a project may vanish when it is purged.</summary>
    bool IsRemote { get; }

    /// <summary>
    /// The project as it is now, or null when there is none (or, on a Matcher, it was purged). With
    /// <paramref name="fresh"/> false a Matcher may answer from its short cache.
    /// </summary>
    Task<MatchingProject?> GetAsync(string projectId, bool fresh, CancellationToken cancellationToken);

    /// <summary>Counts an accepted batch of a coordinated project in its lifecycle (a Matcher relays it with the acceptance instead).</summary>
    Task RecordSubmissionAsync(PartyIdentity caller, string projectId, RecordSubmission submission);

    /// <summary>Tells the Matcher instances about a change made here (Coordinator only).</summary>
    Task PublishAsync(MatchingProject project, CancellationToken cancellationToken);

    /// <summary>Applies what Matcher instances relayed so far (Coordinator only), before a decision that depends on their submissions.</summary>
    Task SettleAsync(CancellationToken cancellationToken);
}
