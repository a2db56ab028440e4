using System.CommandLine;
using Aquila.Node.Purging;

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
        var passphrase = CertificateDirectory.PassphraseOption();
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
            project, keyFile, handles, server, cert, passphrase, json,
        };
        command.SetAction((parse, cancellationToken) => ProjectCommand.CallAsync(parse, server, cert, passphrase, async client =>
        {
            PurgedFiles purged;
            try
            {
                purged = await new ProjectPurge(client).PurgeAsync(parse.GetValue(project)!, parse.GetValue(keyFile)!, parse.GetValue(handles) ?? [],
                    cancellationToken);
            }
            catch (PurgeRefusedException e) when (e.Reason == PurgeRefusal.ProjectNotPurged)
            {
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.FailedPrecondition,
                    $"Project '{e.ProjectId}' is {ProjectStateText.Display(e.State)}, not Purged; keep its key until the coordinator purges it."));
            }
            catch (PurgeRefusedException e)
            {
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.InvalidArgument,
                    $"'{parse.GetValue(keyFile)!.FullName}' is the project key of project {e.KeyProject}, not of {e.ProjectId}; nothing was destroyed."));
            }

            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new { purged.ProjectId, Destroyed = purged.Destroyed.Select(f => f.FullName).ToArray(), Attested = true });
                return;
            }

            Console.Out.WriteLine($"Destroyed {purged.Destroyed.Count} file(s) of project {purged.ProjectId} ({string.Join(", ", purged.Destroyed.Select(f => f.Name))}) "
                + "and attested the purge to the coordinator.");
        }));
        return command;
    }
}
