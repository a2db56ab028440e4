using System.CommandLine;
using System.Security.Cryptography;
using Aquila.Node;
using Aquila.Node.Hits;
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
            HandleMap map;
            NodeIdentity identity;
            try
            {
                map = HandleMaps.Load(parse.GetValue(handles)?.Select(f => f.FullName).ToArray(), Directory.GetCurrentDirectory());
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
                ImportedHits imported;
                try
                {
                    imported = new OfflineHitImport(identity, parse.GetValue(cert)!.FullName, map)
                        .Import(bytes, parse.GetValue(project), parse.GetValue(all) ? 0 : parse.GetValue(after));
                }
                catch (Exception e) when (e is SealedFileException or InvalidOperationException)
                {
                    return CliConsole.Fail(ExitCodes.BadInput, "the hits file is refused: " + e.Message);
                }

                var listing = new HitListing(HitListing.FormatOf(parse.GetValue(json), parse.GetValue(csv)), streaming: false);
                listing.Begin();
                foreach (var hit in imported.Hits)
                {
                    listing.Write(hit);
                }

                listing.End();
                Console.Error.WriteLine(
                    $"{listing.Count} new hit event(s) of {imported.EventsInFile} in the file; cursor {imported.Cursor} saved to {imported.CursorPath}.");
                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
