using System.CommandLine;
using System.Net;
using Aquila.Node.Hits;
using Aquila.Node.Inbox;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila node inbox --server URL --cert DIR [--project P...] --handles FILE... [--records FILE... --columns MAP]
/// [--analyst-cert DIR] [--listen 127.0.0.1:0] [--tls-cert F --tls-key F --client-ca F --crl F] [--webhook URL]
/// [--smtp HOST:PORT --mail-from A --mail-to A...] --data-dir DIR</c>: the analyst's web inbox, on loopback with a token
/// or, with mutual TLS, for analyst certificates of the node's party.
/// </summary>
internal static class NodeInboxCommand
{
    public static Command Create()
    {
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert") { Description = "The node's certificate directory (follows the hits).", Required = true };
        var analystCert = new Option<DirectoryInfo?>("--analyst-cert")
        {
            Description = "An analyst's certificate directory for sending feedback. Default: the node's certificate.",
        };
        var project = new Option<string[]>("--project")
        {
            Description = "A project to follow (repeat for more). Default: every project your party is invited to.",
        };
        var handles = new Option<FileInfo[]>("--handles")
        {
            Description = "Handle maps of your batches (<batch>.handles.csv). Default: every *.handles.csv here.",
            AllowMultipleArgumentsPerToken = true,
        };
        var records = new Option<FileInfo[]>("--records")
        {
            Description = "Your own exports (CSV), read locally to show your record beside each hit.",
            AllowMultipleArgumentsPerToken = true,
        };
        var columns = new Option<FileInfo?>("--columns") { Description = "The column map of --records (JSON), as for node tokenize." };
        var listen = new Option<IPEndPoint>("--listen")
        {
            Description = "Address and port to listen on (port 0: a free one); loopback unless --tls-cert is given.",
            DefaultValueFactory = _ => new IPEndPoint(IPAddress.Loopback, 0),
            CustomParser = result =>
            {
                var text = result.Tokens.Count == 1 ? result.Tokens[0].Value : "";
                if (IPEndPoint.TryParse(text, out var endpoint))
                {
                    return endpoint;
                }

                result.AddError($"--listen must be an address and port such as 127.0.0.1:8710, not '{text}'.");
                return null;
            },
        };
        var dataDir = new Option<DirectoryInfo>("--data-dir") { Description = "Where the inbox keeps its database (inbox.db).", Required = true };
        var access = NodeInboxAccessOptions.Create();
        var notify = NodeInboxNotifyOptions.Create();
        var command = new Command("inbox",
            "The analyst's hit inbox in a browser: follows hits into a local database; list, detail with your record, workflow, feedback.")
        {
            server, cert, analystCert, project, handles, records, columns, listen, dataDir,
        };
        access.AddTo(command);
        notify.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!access.TryRead(parse, out var tls, out var accessError) || !notify.TryRead(parse, out var notifications, out accessError))
            {
                return CliConsole.Fail(ExitCodes.BadInput, accessError);
            }

            var options = new InboxOptions
            {
                Server = parse.GetValue(server)!,
                CertificateDirectory = parse.GetValue(cert)!.FullName,
                AnalystCertificateDirectory = parse.GetValue(analystCert)?.FullName,
                Projects = parse.GetValue(project) ?? [],
                HandleMaps = HandleMaps.PathsFor(parse.GetValue(handles)?.Select(f => f.FullName).ToArray(), Directory.GetCurrentDirectory()),
                RecordFiles = [.. (parse.GetValue(records) ?? []).Select(f => f.FullName)],
                ColumnMapPath = parse.GetValue(columns)?.FullName,
                Listen = parse.GetValue(listen)!,
                DataDirectory = parse.GetValue(dataDir)!.FullName,
                Tls = tls,
                Notifications = notifications,
            };
            InboxHost host;
            try
            {
                host = await InboxHost.StartAsync(options, null, cancellationToken);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Security.Cryptography.CryptographicException
                or Tokens.Input.ColumnMapException or ArgumentException or Grpc.Core.RpcException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            await using (host)
            {
                Console.Out.WriteLine($"Inbox for {string.Join(", ", host.Projects)} at {host.Address}");
                Console.Out.WriteLine($"Open: {host.Url}");
                Console.Out.WriteLine(host.MutualTls
                    ? "Analysts of your party open it with their analyst certificate. Ctrl+C stops the inbox."
                    : "The token in this address is the key to the inbox: do not share it. Ctrl+C stops the inbox.");
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl+C.
                }
            }

            return ExitCodes.Ok;
        });
        return command;
    }
}
