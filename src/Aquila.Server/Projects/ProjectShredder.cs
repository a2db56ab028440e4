using Aquila.Coordination.Projects;
using Aquila.Server.Lists;
using Aquila.Server.Options;

namespace Aquila.Server.Projects;

/// <summary>
/// Purges a coordinated project's server-side state: closes its list or token store, deletes the store's state (log and
/// snapshots, or Redis keys), destroys its data key and removes its data directory — keeping only the hits the
/// coordination module records (hit id, parties, band).
/// </summary>
internal sealed class ProjectShredder(ProjectRegistry projects, ListRegistry lists, TokenStoreFactory stores, ServerKeyStore keys,
    ServerOptions options)
{
    /// <summary>Shreds <paramref name="projectId"/>'s state; returns the hits to keep.</summary>
    public Task<IReadOnlyList<RetainedHit>> ShredAsync(string projectId, CancellationToken cancellationToken) =>
        projects.RemoveForPurgeAsync(projectId, async running =>
        {
            await lists.CloseAsync(projectId);
            IReadOnlyList<RetainedHit> retained = [];
            if (running is not null)
            {
                retained = await RetainedHits.ReadAsync(running, cancellationToken);
                await running.Matcher.PurgeAsync(cancellationToken);
            }
            else
            {
                // Not opened by this instance: with the Redis store its keys may still be there, written by another instance.
                await stores.PurgeUnopenedAsync(projectId, cancellationToken);
            }

            keys.DestroyProjectDataKey(projectId);
            var directory = Path.Combine(options.DataDirectory, "projects", projectId);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            return retained;
        }, cancellationToken);
}
