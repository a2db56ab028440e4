using Aquila.Coordination.Projects;
using Aquila.Matching.Projects;
using Aquila.Security;
using Aquila.Server.Projects;
using Grpc.Core;

namespace Aquila.Server.Application;

/// <summary>
/// A party's hits in a running project: released only once a coordinated project moves to Matching (the one-time
/// project must not be an oracle), then followed through the <see cref="HitFeed"/>.
/// </summary>
internal sealed class PartyHits(CoordinatedLifecycle lifecycle, HitFeed feed)
{
    /// <summary>Writes <paramref name="caller"/>'s hit events after <paramref name="afterSequence"/>, following when asked.</summary>
    public async Task FollowAsync(PartyIdentity caller, RunningProject project, long afterSequence, bool follow,
        Func<PartyHitEvent, CancellationToken, Task> write, CancellationToken cancellationToken)
    {
        var current = await lifecycle.CurrentAsync(project, cancellationToken);
        if (current is not null && !ProjectQueries.HitsReleased(current))
        {
            // A Matcher instance's cached lifecycle may lag the coordinator's move to Matching: refuse only on a fresh read.
            current = await lifecycle.CurrentAsync(project, cancellationToken, fresh: true);
        }

        if (current is not null && !ProjectQueries.HitsReleased(current))
        {
            throw new RpcException(new Status(StatusCode.FailedPrecondition,
                $"Hits of project '{current.Id}' are released when it moves to Matching; it is {ProjectStateText.Of(current.State)}."));
        }

        if (current is not null)
        {
            // Stage 2 starts with Matching; a Matcher instance that missed the move starts it here (once; then a no-op).
            await project.Matcher.StartScoringAsync(cancellationToken);
        }

        var source = new PartyHitSource(project.Matcher, caller.Party, currentOnly: current is not null);
        await feed.RunAsync(source, afterSequence, follow, write, cancellationToken);
    }
}
