using System.CommandLine;
using Aquila.Node;
using Aquila.Node.Submitting;
using Aquila.Tokens.Batches;
using Grpc.Core;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila node submit batch.aqb --server https://host:port --cert DIR [--replace]</c></summary>
internal static class NodeSubmitCommand
{
    public static Command Create()
    {
        var batch = new Argument<FileInfo>("batch") { Description = "The batch file (.aqb) to submit." };
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert")
        {
            Description = "Your certificate directory: *.key.pem, *.crt.pem and the CA's ca.crt.pem.",
            Required = true,
        };
        var attempts = new Option<int>("--attempts") { Description = "Send at most this many times.", DefaultValueFactory = _ => 5 };
        var json = new Option<bool>("--json") { Description = "Print the receipt as JSON." };
        var replace = new Option<bool>("--replace")
        {
            Description = "Replace your party's data set in the project with this batch: your earlier batches and their hits are withdrawn. "
                + "In a coordinated project only while it is open.",
        };
        var passphrase = CertificateDirectory.PassphraseOption();
        var command = new Command("submit", "Send a token batch to the matcher; retried with the same batch id, so never twice.")
        {
            batch, server, cert, passphrase, attempts, json, replace,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var batchPath = parse.GetValue(batch)!.FullName;
            if (CertificateDirectory.TryLoad(parse.GetValue(cert)!, parse.GetValue(passphrase)) is not { } identity)
            {
                return ExitCodes.BadInput;
            }

            using (identity)
            using (var channel = AquilaChannel.Create(parse.GetValue(server)!, identity))
            {
                var submission = new BatchSubmission(new Protocol.V1.Matching.MatchingClient(channel),
                    AuditHeadStore.InCertificateDirectory(parse.GetValue(cert)!.FullName))
                {
                    MaxAttempts = parse.GetValue(attempts),
                    Replace = parse.GetValue(replace),
                };
                SubmittedBatch receipt;
                try
                {
                    receipt = CliConsole.Interactive && !parse.GetValue(json)
                        ? await AnsiConsole.Progress().StartAsync(async context =>
                        {
                            var task = context.AddTask("Submitting", maxValue: 1.0);
                            return await submission.SubmitAsync(batchPath, new Progress<double>(f => task.Value = f), cancellationToken);
                        })
                        : await submission.SubmitAsync(batchPath, null, cancellationToken);
                }
                catch (BatchFormatException e)
                {
                    return CliConsole.Fail(ExitCodes.CorruptBatch, e.Message);
                }
                catch (RpcException e)
                {
                    return RpcFailure.Report(e);
                }

                Report(receipt, parse.GetValue(json));
                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static void Report(SubmittedBatch receipt, bool json)
    {
        var acceptedAt = receipt.AcceptedAt.ToString("O");
        if (json)
        {
            CliConsole.WriteJson(new
            {
                receipt.ProjectId, receipt.Party, receipt.BatchId, receipt.Records, receipt.Tokens, AcceptedAt = acceptedAt,
                receipt.AlreadyAccepted, receipt.ReplacedEarlier, receipt.AuditSequence, receipt.AuditHash,
            });
            return;
        }

        var what = receipt.AlreadyAccepted ? "was already accepted" : "accepted";
        Console.Out.WriteLine($"Batch {receipt.BatchId} {what}: {receipt.Records} records, {receipt.Tokens} tokens, project {receipt.ProjectId}, at {acceptedAt}.");
        if (receipt.ReplacedEarlier)
        {
            Console.Out.WriteLine($"It replaced your party's earlier data set in {receipt.ProjectId}: those batches and their hits are withdrawn.");
        }
        Console.Out.WriteLine($"Audit chain head #{receipt.AuditSequence} {receipt.AuditHash} saved to {receipt.AuditHeadsPath}.");
    }
}
