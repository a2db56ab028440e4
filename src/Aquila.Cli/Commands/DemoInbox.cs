using Aquila.Cli.Local;
using Aquila.Node.Inbox;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila demo --inbox</c>: after the demo, the first party's inbox on a loopback port with its token URL, following
/// the demo's project, until Ctrl+C — so a newcomer sees the analyst's side in one command.
/// </summary>
internal static class DemoInbox
{
    public static async Task RunAsync(LocalMatchingRun run, string party, string export, string dataDirectory, CancellationToken cancellationToken)
    {
        var options = new InboxOptions
        {
            Server = run.Server.Address,
            CertificateDirectory = run.CertificateDirectory(party),
            Projects = [run.ProjectId],
            HandleMaps = run.HandleMaps(party),
            RecordFiles = [export],
            DataDirectory = dataDirectory,
        };
        await using var host = await InboxHost.StartAsync(options, null, cancellationToken);
        Console.Out.WriteLine();
        Console.Out.WriteLine($"Inbox of {party}: {host.Url}");
        Console.Out.WriteLine("Open it in a browser on this machine (the token in the address is its key). Ctrl+C ends the demo.");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl+C.
        }
    }
}
