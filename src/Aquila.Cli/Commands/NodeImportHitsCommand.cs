using System.CommandLine;
using System.Security.Cryptography;
using Aquila.Node;
using Aquila.Node.Offline;
using Aquila.Protocol.V1;
using Aquila.Security.Offline;
using Aquila.Tokens.Batches;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila node import-hits hits.aqh --cert DIR [--handles MAP...] [--after N|--all] [--json|--csv]</c></summary>
internal static class NodeImportHitsCommand
{
    public static Command Create()
    {
        var input = new Argument<FileInfo>("hits") { Description = "The hits file (.aqh) the coordinator brought." };
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your certificate directory (your key opens the file).", Required = true };
        var project = new Option<string>("--project") { Description = "Refuse a file of any other project." };
        var handles = new Option<FileInfo[]>("--handles")
        {
            Description = "Handle maps of your batches (<batch>.handles.csv), to show your record ids. Default: every *.handles.csv here.",
            AllowMultipleArgumentsPerToken = true,
        };
        var after = new Option<long?>("--after") { Description = "Only events after this sequence. Default: after the cursor saved by the last import." };
        var all = new Option<bool>("--all") { Description = "Show every event in the file, whatever the saved cursor." };
        var json = new Option<bool>("--json") { Description = "One JSON object per hit event (a line each)." };
        var csv = new Option<bool>("--csv") { Description = "CSV with a header row." };
        var passphrase = CertificateDirectory.PassphraseOption();
        var command = new Command("import-hits",
            "Open a hits file (.aqh) signed by the server for your party and show the hits as 'aquila node hits' does; a later file continues after the saved cursor.")
        {
            input, cert, passphrase, project, handles, after, all, json, csv,
        };
        command.SetAction(parse =>
        {
            var mapPaths = parse.GetValue(handles) is { Length: > 0 } given
                ? given.Select(f => f.FullName).ToArray()
                : Directory.GetFiles(Directory.GetCurrentDirectory(), "*.handles.csv");
            HandleMap map;
            NodeIdentity identity;
            try
            {
                map = HandleMap.Load(mapPaths);
                identity = NodeIdentity.Load(parse.GetValue(cert)!.FullName, CaPassphrase.Read(parse.GetValue(passphrase)));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or CryptographicException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            if (OfflineFiles.TryRead(parse.GetValue(input)!) is not { } bytes)
            {
                return ExitCodes.BadInput;
            }

            using (identity)
            {
                OfflineHits hits;
                try
                {
                    hits = HitsImport.Open(bytes, identity, parse.GetValue(project));
                }
                catch (Exception e) when (e is SealedFileException or InvalidOperationException)
                {
                    return CliConsole.Fail(ExitCodes.BadInput, "the hits file is refused: " + e.Message);
                }

                var certificateDirectory = parse.GetValue(cert)!.FullName;
                var cursor = new HitCursorFile(certificateDirectory, hits.ProjectId);
                var from = parse.GetValue(all) ? 0 : parse.GetValue(after) ?? cursor.Read();
                var listing = new HitListing(HitListing.FormatOf(parse.GetValue(json), parse.GetValue(csv)), map, streaming: false);
                listing.Begin();
                var last = from;
                foreach (var hit in hits.Events)
                {
                    if (hit.Sequence > from)
                    {
                        listing.Write(hit);
                        last = Math.Max(last, hit.Sequence);
                    }
                }

                listing.End();
                cursor.Write(last);
                if (hits.AuditHead is { } head)
                {
                    new AuditHeadStore(Path.Combine(certificateDirectory, "audit-heads.txt")).Append(head.Sequence, head.Hash.Span,
                        "hits of " + hits.ProjectId);
                }

                Console.Error.WriteLine($"{listing.Count} new hit event(s) of {hits.Events.Count} in the file; cursor {last} saved to {cursor.Path}.");
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
