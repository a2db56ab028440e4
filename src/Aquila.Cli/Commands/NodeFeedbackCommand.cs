using System.CommandLine;
using Aquila.Node;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila node feedback HIT_ID confirmed|rejected --project P [--ref REF]</c>: an analyst's verdict after follow-up.</summary>
internal static class NodeFeedbackCommand
{
    public static Command Create()
    {
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your (analyst's or node's) certificate directory.", Required = true };
        var passphrase = CertificateDirectory.PassphraseOption();
        var project = new Option<string>("--project") { Description = "The project.", Required = true };
        var hit = new Argument<string>("hit") { Description = "The hit id (32 hex digits, as `aquila node hits` shows it)." };
        var verdict = new Argument<string>("verdict") { Description = "confirmed or rejected." };
        verdict.AcceptOnlyFromAmong("confirmed", "rejected");
        var reference = new Option<string?>("--ref")
        {
            Description = "The follow-up's reference (e.g. a SIENA message id) — never personal data.",
        };
        var json = new Option<bool>("--json") { Description = "Print the acknowledgement as JSON." };
        var command = new Command("feedback", "Record whether a hit was confirmed or rejected after follow-up (feeds the indicators).")
        {
            hit, verdict, project, reference, server, cert, passphrase, json,
        };
        command.SetAction((parse, cancellationToken) => ProjectCommand.CallAsync(parse, server, cert, passphrase, async client =>
        {
            var hitText = parse.GetValue(hit)!;
            RecordedVerdict ack;
            try
            {
                ack = await new FeedbackSender(client).SendAsync(parse.GetValue(project)!, hitText, parse.GetValue(verdict) == "confirmed",
                    parse.GetValue(reference), cancellationToken);
            }
            catch (FormatException)
            {
                throw new Grpc.Core.RpcException(new Grpc.Core.Status(Grpc.Core.StatusCode.InvalidArgument, "A hit id is 32 hex digits."));
            }

            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new
                {
                    HitId = hitText.ToLowerInvariant(), Verdict = parse.GetValue(verdict), AuditSequence = ack.AuditSequence,
                    AuditHash = ack.AuditHash,
                });
                return;
            }

            Console.Out.WriteLine($"Recorded: hit {hitText} {parse.GetValue(verdict)}. Audit chain head #{ack.AuditSequence}.");
        }));
        return command;
    }
}
