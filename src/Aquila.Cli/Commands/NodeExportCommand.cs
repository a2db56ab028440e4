using System.CommandLine;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Node.Offline;
using Aquila.Tokens.Batches;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila node export batch.aqb --cert DIR --server-cert server.crt.pem [--out batch.aqx]</c></summary>
internal static class NodeExportCommand
{
    public static Command Create()
    {
        var batch = new Argument<FileInfo>("batch") { Description = "The batch file (.aqb) to export, made by 'aquila node tokenize'." };
        var cert = new Option<DirectoryInfo>("--cert")
        {
            Description = "Your certificate directory: *.key.pem, *.crt.pem and the CA's ca.crt.pem. Your key signs the file.",
            Required = true,
        };
        var serverCert = new Option<FileInfo>("--server-cert")
        {
            Description = "The Aquila server's certificate (PEM) from your operator; the file is encrypted to it.",
            Required = true,
        };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The export file to write. Default: the batch's name with .aqx." };
        var json = new Option<bool>("--json") { Description = "Print what was written as JSON." };
        var passphrase = CertificateDirectory.PassphraseOption();
        var command = new Command("export",
            "Seal a token batch into a signed, encrypted export file (.aqx) for a coordinator to carry to the server (no live link needed).")
        {
            batch, cert, passphrase, serverCert, output, json,
        };
        command.SetAction(parse =>
        {
            var batchPath = parse.GetValue(batch)!.FullName;
            var outPath = parse.GetValue(output)?.FullName ?? Path.ChangeExtension(batchPath, ".aqx");
            if (CertificateDirectory.TryLoad(parse.GetValue(cert)!, parse.GetValue(passphrase)) is not { } identity)
            {
                return ExitCodes.BadInput;
            }

            using (identity)
            {
                byte[] file;
                BatchHeader header;
                try
                {
                    using var server = X509CertificateLoader.LoadCertificateFromFile(parse.GetValue(serverCert)!.FullName);
                    file = BatchExport.Seal(batchPath, identity, server);
                    using var reader = BatchFileReader.Open(batchPath);
                    header = reader.Header;
                }
                catch (BatchFormatException e)
                {
                    return CliConsole.Fail(ExitCodes.CorruptBatch, e.Message);
                }
                catch (Exception e) when (e is InvalidOperationException or CryptographicException or IOException)
                {
                    return CliConsole.Fail(ExitCodes.BadInput, e.Message);
                }

                OfflineFiles.Write(outPath, file);
                if (parse.GetValue(json))
                {
                    CliConsole.WriteJson(new { header.ProjectId, header.Party, BatchId = header.BatchIdHex, header.RecordCount, Bytes = file.Length, File = outPath });
                }
                else
                {
                    Console.Out.WriteLine($"Batch {header.BatchIdHex} of party {header.Party} for project {header.ProjectId} ({header.RecordCount} records) "
                        + $"sealed into {outPath} ({file.Length} bytes), signed with your certificate and encrypted to the server's.");
                    Console.Out.WriteLine("Give it to the coordinator: 'aquila project import'. It reveals only its size, project, party and batch id.");
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }
}
