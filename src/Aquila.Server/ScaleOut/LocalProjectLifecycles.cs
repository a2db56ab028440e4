using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Security;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// The lifecycle in this instance's own project store (Standalone and Coordinator). A Coordinator also publishes every
/// change for the Matcher instances and drains their relayed audit events.
/// </summary>
internal sealed class LocalProjectLifecycles(ProjectStore store, AuditChain chain, LifecyclePublisher? publisher, AuditStreamDrain? drain)
    : IProjectLifecycles
{
    public bool IsRemote => false;

    public Task<MatchingProject?> GetAsync(string projectId, bool fresh, CancellationToken cancellationToken) =>
        store.GetAsync(projectId, cancellationToken);

    public async Task RecordSubmissionAsync(PartyIdentity caller, string projectId, RecordSubmission submission)
    {
        var change = await store.ApplyAsync(projectId, ProjectCaller.FromIdentity(caller), submission, chain,
            cancellationToken: CancellationToken.None);
        await PublishAsync(change.Project, CancellationToken.None);
    }

    public Task PublishAsync(MatchingProject project, CancellationToken cancellationToken) =>
        publisher is null ? Task.CompletedTask : PublishOrDeferAsync(publisher, project, cancellationToken);

    public Task SettleAsync(CancellationToken cancellationToken) =>
        drain is null ? Task.CompletedTask : drain.DrainAsync(cancellationToken);

    // The change is committed and audited already; if Redis does not answer now, the drain's next reconciliation
    // (within about a second of Redis being back) publishes it, so the caller is not told the change failed.
    private static async Task PublishOrDeferAsync(LifecyclePublisher publisher, MatchingProject project, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(project, cancellationToken);
        }
        catch (StackExchange.Redis.RedisException)
        {
        }
    }
}
