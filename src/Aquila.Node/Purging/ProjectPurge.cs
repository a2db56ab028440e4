using Aquila.Protocol.V1;

namespace Aquila.Node.Purging;

/// <summary>
/// <c>aquila node purge</c>: after the coordinator purged a project, destroys this node's project key and handle maps
/// (with the batch and reject files beside them) — overwritten, then deleted — and attests it to the coordinator.
/// It attests only what was really destroyed: first it checks the project is purged, then shreds, then attests.
/// </summary>
public sealed class ProjectPurge(Protocol.V1.Coordination.CoordinationClient client)
{
    /// <summary>Destroys <paramref name="keyFile"/> and <paramref name="handleMaps"/> of <paramref name="projectId"/> and attests it.</summary>
    /// <exception cref="PurgeRefusedException">The project is not purged, or the key file is another project's.</exception>
    /// <exception cref="Grpc.Core.RpcException">The server refused, or could not be reached.</exception>
    public async Task<PurgedFiles> PurgeAsync(string projectId, FileInfo keyFile, IEnumerable<FileInfo> handleMaps,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keyFile);
        ArgumentNullException.ThrowIfNull(handleMaps);
        var view = await client.ShowProjectAsync(new ProjectRef { ProjectId = projectId }, cancellationToken: cancellationToken);
        if (view.State != "purged")
        {
            throw new PurgeRefusedException(PurgeRefusal.ProjectNotPurged, view.ProjectId, view.State, null);
        }

        // A key file wrapped for another project is not this project's key: refuse rather than destroy it.
        if (KeyProject(keyFile) is { } other && other != view.ProjectId)
        {
            throw new PurgeRefusedException(PurgeRefusal.KeyOfAnotherProject, view.ProjectId, view.State, other);
        }

        var files = new List<FileInfo> { keyFile };
        foreach (var map in handleMaps)
        {
            // The batch and reject files that `node tokenize` wrote beside the handle map belong to the project too.
            files.AddRange(BatchFiles.MadeWith(map));
        }

        var destroyed = files.Where(f => f.Exists).ToList();
        foreach (var file in destroyed)
        {
            Shred(file.FullName);
        }

        await client.AttestPurgeAsync(new ProjectRef { ProjectId = view.ProjectId }, cancellationToken: cancellationToken);
        return new PurgedFiles(view.ProjectId, destroyed);
    }

    // The project a wrapped key file names; null for a raw key, a missing file or an unreadable one (destroyed all the same).
    private static string? KeyProject(FileInfo file)
    {
        try
        {
            return file.Exists ? ProjectKeyFile.Describe(file.FullName)?.ProjectId : null;
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static void Shred(string path)
    {
        using (var stream = new FileStream(path, FileMode.Open, FileAccess.Write))
        {
            stream.Write(new byte[stream.Length]);
            stream.Flush(flushToDisk: true);
        }

        File.Delete(path);
    }
}
