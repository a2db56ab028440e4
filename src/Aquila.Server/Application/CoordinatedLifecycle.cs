using Aquila.Coordination.Projects;
using Aquila.Server.Projects;
using Aquila.Server.ScaleOut;
using Grpc.Core;

namespace Aquila.Server.Application;

/// <summary>The lifecycle of a running project as the matcher side reads it (null for a project declared in the configuration).</summary>
internal sealed class CoordinatedLifecycle(IProjectLifecycles lifecycles)
{
    /// <summary>
    /// The project's lifecycle as it is now. On a Matcher instance a coordinated project can vanish (purged on the
    /// coordinator): it is then refused like a closed one. With <paramref name="fresh"/> a Matcher instance does not
    /// answer from its cache.
    /// </summary>
    public async Task<MatchingProject?> CurrentAsync(RunningProject project, CancellationToken cancellationToken, bool fresh = false)
    {
        if (!project.Coordinated)
        {
            return null;
        }

        return await lifecycles.GetAsync(project.Id, fresh, cancellationToken) is { State: not ProjectState.Purged } lifecycle
            ? lifecycle
            : throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Project '{project.Id}' was purged; its matcher no longer takes batches or answers for hits."));
    }
}
