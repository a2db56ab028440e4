using System.CommandLine;
using System.Text;
using System.Text.Json;
using Aquila.Node;
using Aquila.Node.Hits;
using Aquila.Node.Lists;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Grpc.Core;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila node check --list ID --input persons.csv --case REF --officer ID --key-file K --cert DIR --server URL
/// [--columns map] [--csv|--json] [--out F]</c>: a bulk check — every row of the file asked of the list in one signed,
/// streamed call, each one a query with its own answer and audit entry; one result per input row, joined to the row's
/// record id on the node.
/// </summary>
internal static class NodeCheckCommand
{
    private static readonly JsonSerializerOptions LineJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var project = new Option<string>("--list", "--project") { Description = "The list project.", Required = true };
        var input = new Option<FileInfo>("--input", "-i")
        {
            Description = $"A CSV of persons, or of vehicles on a vehicle list (the records columns); at most {BulkCheckClient.MaxPersons:N0} rows.",
            Required = true,
        };
        var columns = new Option<FileInfo?>("--columns") { Description = "A column map (JSON) for --input." };
        var caseReference = new Option<string>("--case") { Description = "Your case reference (signed; a contributor hit sees it).", Required = true };
        var officer = new Option<string>("--officer") { Description = "The id of the officer making the check (signed and audited).", Required = true };
        var keyFile = new Option<FileInfo>("--key-file", "-k") { Description = "The project key file.", Required = true };
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your certificate directory; its key signs the check.", Required = true };
        var server = ServerAddress.CreateOption();
        var schema = NodeListCommand.SchemaOption();
        var json = new Option<bool>("--json") { Description = "One JSON object per input row (a line each)." };
        var csv = new Option<bool>("--csv") { Description = "CSV with a header row: record_id,outcome,hit_id,contributor,band,keys,reason,audit_entry." };
        var output = new Option<FileInfo?>("--out", "-o") { Description = "Write the results to this file instead of standard output." };
        var passphrase = CertificateDirectory.PassphraseOption();
        var command = new Command("check",
            "Check many persons (or vehicles) against a list in one signed call: a result per input row (hit with the contributor to contact, "
            + "no-hit, refused, rejected), each person audited on the server.")
        {
            project, input, columns, caseReference, officer, keyFile, cert, passphrase, server, schema, json, csv, output,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (CertificateDirectory.TryLoad(parse.GetValue(cert)!, parse.GetValue(passphrase)) is not { } identity)
            {
                return ExitCodes.BadInput;
            }

            ProjectKey key;
            try
            {
                key = ProjectKeyFile.Load(parse.GetValue(keyFile)!.FullName, identity, parse.GetValue(project)!);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
            {
                identity.Dispose();
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            var listId = parse.GetValue(project)!;
            using (key)
            using (identity)
            using (var channel = AquilaChannel.Create(parse.GetValue(server)!, identity))
            {
                MatchKeySchema listSchema;
                try
                {
                    listSchema = await ListSchema.ResolveAsync(new Protocol.V1.Coordination.CoordinationClient(channel), listId,
                        parse.GetValue(schema)?.FullName, cancellationToken);
                }
                catch (RpcException e)
                {
                    return RpcFailure.Report(e);
                }
                catch (Exception e) when (e is ListSchemaException or MatchKeySchemaException)
                {
                    return CliConsole.Fail(ExitCodes.BadInput, e.Message);
                }

                List<(SourceRecord? Record, ListEntryProblem? Problem)> rows;
                try
                {
                    rows = CheckInput.Read(parse.GetValue(input)!.FullName,
                        parse.GetValue(columns) is { } c ? ColumnMap.Load(c.FullName) : ColumnMap.Default, listSchema.RecordType);
                }
                catch (Exception e) when (e is InputFormatException or ColumnMapException or IOException)
                {
                    return CliConsole.Fail(ExitCodes.BadInput, e.Message);
                }

                if (rows.Count > BulkCheckClient.MaxPersons)
                {
                    return CliConsole.Fail(ExitCodes.Usage,
                        $"A bulk check holds at most {BulkCheckClient.MaxPersons:N0} persons; {parse.GetValue(input)!.Name} has {rows.Count:N0} rows. Split it into several files.");
                }

                using var tokens = new QueryTokens(listSchema, key);
                var check = new BulkCheck(new BulkCheckClient(new Protocol.V1.Lists.ListsClient(channel), identity), tokens,
                    AuditHeadStore.InCertificateDirectory(parse.GetValue(cert)!.FullName));
                var report = await check.RunAsync(listId, rows, parse.GetValue(caseReference)!, parse.GetValue(officer)!,
                    ProgressOnTerminal(rows.Count), cancellationToken);
                if (!Console.IsErrorRedirected)
                {
                    Console.Error.WriteLine();
                }

                var format = parse.GetValue(json) ? "json" : parse.GetValue(csv) ? "csv" : "text";
                using (var writer = parse.GetValue(output) is { } file
                    ? new StreamWriter(file.FullName, append: false, new UTF8Encoding(false))
                    : null)
                {
                    Write(writer ?? Console.Out, format, report);
                }

                Console.Error.WriteLine($"{report.Answered} of {rows.Count} rows answered: {report.Count(BulkCheckOutcome.Hit)} hit, "
                    + $"{report.Count(BulkCheckOutcome.NoHit)} no-hit, {report.Count(BulkCheckOutcome.Refused)} refused, "
                    + $"{report.Count(BulkCheckOutcome.Rejected)} rejected, {report.Count(BulkCheckOutcome.NotSent)} not sent.");
                if (report.Failure is { } failure)
                {
                    return RpcFailure.Report(failure);
                }

                return report.Count(BulkCheckOutcome.Refused) > 0 ? ExitCodes.ServerRefused
                    : report.Count(BulkCheckOutcome.Rejected) > 0 ? ExitCodes.SomeRejected
                    : ExitCodes.Ok;
            }
        });
        return command;
    }

    // A progress line on standard error when it is a terminal; nothing for scripts.
    private static Progress<int>? ProgressOnTerminal(int rows) =>
        Console.IsErrorRedirected ? null : new Progress<int>(answered => Console.Error.Write($"\rchecked {answered:N0} of {rows:N0} rows"));

    private static void Write(TextWriter writer, string format, BulkCheckReport report)
    {
        if (format == "csv")
        {
            writer.WriteLine("record_id,outcome,hit_id,contributor,band,keys,reason,audit_entry");
        }

        foreach (var row in report.Rows)
        {
            var outcome = OutcomeText(row.Outcome);
            var audit = row.AuditSequence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "";
            switch (format)
            {
                case "json":
                    writer.WriteLine(JsonSerializer.Serialize(new
                    {
                        record_id = row.RecordId,
                        outcome,
                        hits = row.Hits.Select(h => new { hit_id = h.HitId, contributor = h.Contributor, band = BandNames.Of(h.Band), keys = h.AgreeingKeys }),
                        reason = row.Reason,
                        audit_entry = row.AuditSequence,
                    }, LineJson));
                    break;
                case "csv":
                    if (row.Hits.Count == 0)
                    {
                        writer.WriteLine(string.Join(',', CsvCell.Escape(row.RecordId), outcome, "", "", "", "", CsvCell.Escape(row.Reason ?? ""), audit));
                    }

                    foreach (var hit in row.Hits)
                    {
                        writer.WriteLine(string.Join(',', CsvCell.Escape(row.RecordId), outcome, hit.HitId, hit.Contributor, BandNames.Of(hit.Band),
                            string.Join(';', hit.AgreeingKeys), "", audit));
                    }

                    break;
                default:
                    var who = row.RecordId.Length > 0 ? row.RecordId + ": " : "";
                    writer.WriteLine(row.Hits.Count > 0
                        ? who + "HIT — " + string.Join("; ", row.Hits.Select(h => $"contact {h.Contributor} ({BandNames.Of(h.Band)}), hit id {h.HitId}"))
                        : who + outcome + (row.Reason is null ? "" : ": " + row.Reason));
                    break;
            }
        }
    }

    private static string OutcomeText(BulkCheckOutcome outcome) => outcome switch
    {
        BulkCheckOutcome.Hit => "hit",
        BulkCheckOutcome.NoHit => "no-hit",
        BulkCheckOutcome.Refused => "refused",
        BulkCheckOutcome.Rejected => "rejected",
        _ => "not-sent",
    };
}
