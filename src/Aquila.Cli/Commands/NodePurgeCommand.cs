using System.CommandLine;
using Aquila.Node;
using Aquila.Protocol.V1;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila node purge --project P --key-file project.key --handles MAP...</c>: after the project is purged, destroy
/// this node's project key and handle maps (overwritten, then deleted) and attest it to the coordinator.
/// </summary>
internal static class NodePurgeCommand
{
    public static Command Create()
    {
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your node's certificate directory.", Required = true };
        var project = new Option<string>("--project") { Description = "The purged project.", Required = true };
        var keyFile = new Option<FileInfo>("--key-file") { Description = "The project key to destroy.", Required = true };
        var handles = new Option<FileInfo[]>("--handles")
        {
            Description = "The project's handle maps to destroy (<batch>.handles.csv).",
            AllowMultipleArgumentsPerToken = true,
        };
        var json = new Option<bool>("--json") { Description = "Print what was destroyed as JSON." };
        var command = new Command("purge", "Destroy this node's project key and handle maps after a purge, and attest it.")
        {
            project, keyFile, handles, server, cert, json,
        };
        command.SetAction((parse, cancellationToken) => ProjectCommand.CallAsync(parse, server, cert, async client =>
        {
            // Attest only what was really destroyed: first check the project is purged, then shred, then attest.
            var view = await client.ShowProjectAsync(new ProjectRef { ProjectId = parse.GetValue(project)! }, cancellationToken: cancellationToken);
            if (view.State != "purged")
            {
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.FailedPrecondition,
                    $"Project '{view.ProjectId}' is {ProjectStateText.Display(view.State)}, not Purged; keep its key until the coordinator purges it."));
            }

            // A key file wrapped for another project is not this project's key: refuse rather than destroy it.
            if (KeyProject(parse.GetValue(keyFile)!) is { } other && other != view.ProjectId)
            {
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.InvalidArgument,
                    $"'{parse.GetValue(keyFile)!.FullName}' is the project key of project {other}, not of {view.ProjectId}; nothing was destroyed."));
            }

            var files = new List<FileInfo> { parse.GetValue(keyFile)! };
            foreach (var map in parse.GetValue(handles) ?? [])
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
            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new { view.ProjectId, Destroyed = destroyed.Select(f => f.FullName).ToArray(), Attested = true });
                return;
            }

            Console.Out.WriteLine($"Destroyed {destroyed.Count} file(s) of project {view.ProjectId} ({string.Join(", ", destroyed.Select(f => f.Name))}) "
                + "and attested the purge to the coordinator.");
        }));
        return command;
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
