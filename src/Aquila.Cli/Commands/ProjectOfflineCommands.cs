using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Node;
using Aquila.Node.Offline;
using Aquila.Protocol.V1;
using Google.Protobuf;

namespace Aquila.Cli.Commands;

/// <summary>
/// The coordinator's side of the offline exchange: <c>aquila project import batch.aqx</c> and
/// <c>aquila project export-hits --project P --party XK --out xk-hits.aqh</c> (docs/offline-exchange.md).
/// </summary>
internal static class ProjectOfflineCommands
{
    public static Command Import()
    {
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your (coordinator's) certificate directory.", Required = true };
        var passphrase = CertificateDirectory.PassphraseOption();
        var file = new Argument<FileInfo>("export") { Description = "The export file (.aqx) a party's node wrote with 'aquila node export'." };
        var json = new Option<bool>("--json") { Description = "Print the party's receipt as JSON." };
        var command = new Command("import",
            "Import a party's signed export file (.aqx) into its project, exactly as if the party had submitted the batch; it is checked and applied by the server.")
        {
            file, server, cert, passphrase, json,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            if (OfflineFiles.TryRead(parse.GetValue(file)!) is not { } bytes)
            {
                return Task.FromResult(ExitCodes.BadInput);
            }

            return ProjectCommand.CallAsync(parse, server, cert, passphrase, async client =>
            {
                var imported = await OfflineTransfer.ImportAsync(client, bytes, cancellationToken);
                var receipt = imported.Receipt;
                var heads = new AuditHeadStore(Path.Combine(parse.GetValue(cert)!.FullName, "audit-heads.txt"));
                var batchId = Convert.ToHexStringLower(receipt.BatchId.Span);
                heads.Append(imported.ImportAuditHead.Sequence, imported.ImportAuditHead.Hash.Span, batchId);
                if (parse.GetValue(json))
                {
                    CliConsole.WriteJson(new
                    {
                        receipt.ProjectId, receipt.Party, BatchId = batchId, receipt.Records, receipt.Tokens, imported.Signer,
                        AuditSequence = receipt.AuditHead.Sequence, AuditHash = Convert.ToHexStringLower(receipt.AuditHead.Hash.Span),
                        ImportAuditSequence = imported.ImportAuditHead.Sequence,
                    });
                    return;
                }

                Console.Out.WriteLine($"Batch {batchId} of party {receipt.Party} accepted into project {receipt.ProjectId}: {receipt.Records} records, "
                    + $"{receipt.Tokens} tokens; signed by {imported.Signer}.");
                Console.Out.WriteLine($"Party's audit entry #{receipt.AuditHead.Sequence} {Convert.ToHexStringLower(receipt.AuditHead.Hash.Span)}; "
                    + $"your import #{imported.ImportAuditHead.Sequence} saved to {heads.Path}.");
            });
        });
        return command;
    }

    public static Command ExportHits()
    {
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your (coordinator's) certificate directory.", Required = true };
        var passphrase = CertificateDirectory.PassphraseOption();
        var project = new Option<string>("--project") { Description = "The matching project.", Required = true };
        var party = new Option<string>("--party") { Description = "The party whose hits to export (RS, XK, ...).", Required = true };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The hits file to write (.aqh).", Required = true };
        var recipient = new Option<FileInfo>("--recipient-cert")
        {
            Description = "The party's node certificate (PEM) to encrypt to. Default: the one that signed its last imported batch.",
        };
        var after = new Option<long>("--after") { Description = "Only events after this sequence (default: all; the node skips what it has seen)." };
        var command = new Command("export-hits",
            "Write a party's hits (once the project is in Matching) as a file signed by the server and encrypted to the party's node: you cannot read it.")
        {
            server, cert, passphrase, project, party, output, recipient, after,
        };
        command.SetAction((parse, cancellationToken) =>
        {
            var request = new ExportHitsRequest { ProjectId = parse.GetValue(project)!, Party = parse.GetValue(party)!, AfterSequence = parse.GetValue(after) };
            if (parse.GetValue(recipient) is { } recipientFile)
            {
                try
                {
                    using var certificate = X509CertificateLoader.LoadCertificateFromFile(recipientFile.FullName);
                    request.RecipientCertificate = ByteString.CopyFrom(certificate.RawData);
                }
                catch (Exception e) when (e is CryptographicException or IOException)
                {
                    return Task.FromResult(CliConsole.Fail(ExitCodes.BadInput, $"'{recipientFile.FullName}' is not a certificate: {e.Message}"));
                }
            }

            return ProjectCommand.CallAsync(parse, server, cert, passphrase, async client =>
            {
                var bytes = await OfflineTransfer.ExportHitsAsync(client, request, cancellationToken);
                var path = parse.GetValue(output)!.FullName;
                OfflineFiles.Write(path, bytes);
                Console.Out.WriteLine($"Hits of party {request.Party} in project {request.ProjectId} written to {path} ({bytes.Length} bytes), "
                    + $"encrypted to the party's node. Give it to the party: 'aquila node import-hits'.");
            });
        });
        return command;
    }
}
