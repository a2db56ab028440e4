using System.CommandLine;
using Aquila.Node;
using Aquila.Node.Hits;
using Aquila.Tokens.Batches;
using Grpc.Core;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila node hits --server URL --cert DIR --project P [--follow] [--json|--csv]</c></summary>
internal static class NodeHitsCommand
{
    public static Command Create()
    {
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your certificate directory.", Required = true };
        var project = new Option<string>("--project") { Description = "The matching project.", Required = true };
        var handles = new Option<FileInfo[]>("--handles")
        {
            Description = "Handle maps of your batches (<batch>.handles.csv), to show your record ids. Default: every *.handles.csv here.",
            AllowMultipleArgumentsPerToken = true,
        };
        var after = new Option<long>("--after") { Description = "Only events after this sequence number (your saved cursor)." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep watching and print new hits as they are found." };
        var json = new Option<bool>("--json") { Description = "One JSON object per hit event (a line each)." };
        var csv = new Option<bool>("--csv") { Description = "CSV with a header row." };
        var passphrase = CertificateDirectory.PassphraseOption();
        var command = new Command("hits", "Show this party's hits: hit id, your record id, the other party, band, agreeing keys.")
        {
            server, cert, passphrase, project, handles, after, follow, json, csv,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            HandleMap map;
            NodeIdentity identity;
            try
            {
                map = HandleMaps.Load(parse.GetValue(handles)?.Select(f => f.FullName).ToArray(), Directory.GetCurrentDirectory());
                identity = NodeIdentity.Load(parse.GetValue(cert)!.FullName, CaPassphrase.Read(parse.GetValue(passphrase)));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Security.Cryptography.CryptographicException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            var listing = new HitListing(HitListing.FormatOf(parse.GetValue(json), parse.GetValue(csv)), parse.GetValue(follow));
            using (identity)
            using (var channel = AquilaChannel.Create(parse.GetValue(server)!, identity))
            {
                var feed = new HitFeed(new Protocol.V1.Matching.MatchingClient(channel), map);
                listing.Begin();
                try
                {
                    await foreach (var hit in feed.ReadAsync(parse.GetValue(project)!, parse.GetValue(after), parse.GetValue(follow), cancellationToken))
                    {
                        listing.Write(hit);
                    }
                }
                catch (RpcException e)
                {
                    return RpcFailure.Report(e);
                }

                listing.End();
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
