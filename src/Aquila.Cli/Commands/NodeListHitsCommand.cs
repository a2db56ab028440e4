using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Aquila.Node;
using Aquila.Node.Hits;
using Aquila.Node.Lists;
using Grpc.Core;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila node list hits --project P --cert DIR --server URL [--after N] [--follow] [--json|--csv]</c></summary>
internal static class NodeListHitsCommand
{
    private static readonly JsonSerializerOptions LineJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var project = new Option<string>("--project") { Description = "The list project.", Required = true };
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your certificate directory.", Required = true };
        var server = ServerAddress.CreateOption();
        var handles = NodeListCommand.HandlesOption();
        var after = new Option<long>("--after") { Description = "Only notifications after this sequence number (your saved cursor)." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep watching and print new notifications as they come." };
        var json = new Option<bool>("--json") { Description = "One JSON object per notification (a line each)." };
        var csv = new Option<bool>("--csv") { Description = "CSV with a header row." };
        var passphrase = CertificateDirectory.PassphraseOption();
        var command = new Command("hits",
            "Your notifications: duplicates (another contributor holds a matching entry) and queries that hit your entries (with the querying party's case reference).")
        {
            project, cert, passphrase, server, handles, after, follow, json, csv,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var projectId = parse.GetValue(project)!;
            ListHandleMap map;
            try
            {
                map = ListHandleMap.Load(NodeListCommand.HandlesPath(parse.GetValue(handles), projectId));
            }
            catch (Exception e) when (e is IOException or InvalidDataException or FormatException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            if (CertificateDirectory.TryLoad(parse.GetValue(cert)!, parse.GetValue(passphrase)) is not { } identity)
            {
                return ExitCodes.BadInput;
            }

            var asCsv = parse.GetValue(csv) && !parse.GetValue(json);
            if (asCsv)
            {
                Console.Out.WriteLine("sequence,kind,hit_id,record_id,other_party,band,case_reference,keys,officer,signature,record_removed");
            }

            var count = 0;
            using (identity)
            using (var channel = AquilaChannel.Create(parse.GetValue(server)!, identity))
            {
                try
                {
                    var notifications = new ListNotifications(new ListClient(new Protocol.V1.Lists.ListsClient(channel), identity), map, identity);
                    await foreach (var hit in notifications.ReadAsync(projectId, parse.GetValue(after), parse.GetValue(follow), cancellationToken))
                    {
                        count++;
                        var recordId = hit.RecordId ?? "(handle not in your list handle map)";
                        var removedText = hit.RecordRemoved ? " (since removed from your list)" : "";
                        var kind = Kind(hit.Kind);
                        var band = BandNames.Of(hit.Band);
                        var hitId = hit.HitId;
                        var signature = hit.Signature;
                        var signatureText = signature is null ? "" : signature.Verified ? "verified" : "NOT VERIFIED: " + signature.Problem;
                        if (parse.GetValue(json))
                        {
                            Console.Out.WriteLine(JsonSerializer.Serialize(new
                            {
                                sequence = hit.Sequence, kind, hit_id = hitId, record_id = recordId, record_removed = hit.RecordRemoved,
                                other_party = hit.OtherParty, band,
                                case_reference = hit.CaseReference, keys = hit.AgreeingKeys, officer = signature?.OfficerId,
                                signature_verified = signature?.Verified, signature_problem = signature?.Problem,
                            }, LineJson));
                        }
                        else if (asCsv)
                        {
                            Console.Out.WriteLine(string.Join(',', hit.Sequence.ToString(CultureInfo.InvariantCulture), kind, hitId,
                                Tokens.Input.CsvCell.Escape(recordId), hit.OtherParty, band, Tokens.Input.CsvCell.Escape(hit.CaseReference),
                                string.Join(';', hit.AgreeingKeys), Tokens.Input.CsvCell.Escape(signature?.OfficerId ?? ""),
                                Tokens.Input.CsvCell.Escape(signatureText), hit.RecordRemoved ? "true" : "false"));
                        }
                        else
                        {
                            var what = hit.Kind == ListNotificationKind.Query
                                ? $"query by {hit.OtherParty}, case {hit.CaseReference}, officer {signature?.OfficerId ?? "?"} (signature {signatureText})"
                                : $"duplicate held by {hit.OtherParty}";
                            Console.Out.WriteLine($"#{hit.Sequence} {kind} {hitId}: your record {recordId}{removedText} — {what}, {band} ({string.Join(", ", hit.AgreeingKeys)})");
                        }
                    }
                }
                catch (RpcException e)
                {
                    return RpcFailure.Report(e);
                }
            }

            if (!parse.GetValue(json) && !asCsv)
            {
                Console.Out.WriteLine($"{count} notification(s).");
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Kind(ListNotificationKind kind) => kind switch
    {
        ListNotificationKind.Duplicate => "duplicate",
        ListNotificationKind.DuplicateUpdated => "duplicate-updated",
        _ => "query",
    };
}
