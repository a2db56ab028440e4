using System.CommandLine;
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
/// <c>aquila node query --project P --case REF --officer ID --key-file K --cert DIR --server URL --given .. --family .. --dob ..</c>,
/// on a vehicle list <c>--plate .. --country .. --vin .. [--make .. --year ..]</c>, or <c>--input records.csv</c>: hit / no-hit
/// against a list, one result per record. The list's pinned schema says which of the two it holds.
/// </summary>
internal static class NodeQueryCommand
{
    private static readonly JsonSerializerOptions LineJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var project = new Option<string>("--project", "--list") { Description = "The list project.", Required = true };
        var caseReference = new Option<string>("--case") { Description = "Your case reference (required on every query; the contributor hit sees it).", Required = true };
        var officer = new Option<string>("--officer") { Description = "The id of the officer making the query (signed and audited).", Required = true };
        var keyFile = new Option<FileInfo>("--key-file", "-k") { Description = "The project key file.", Required = true };
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your certificate directory; its key signs the query.", Required = true };
        var server = ServerAddress.CreateOption();
        var input = new Option<FileInfo?>("--input", "-i")
        {
            Description = "A CSV of persons, or of vehicles on a vehicle list (the records columns); one result per row.",
        };
        var columns = new Option<FileInfo?>("--columns") { Description = "A column map (JSON) for --input." };
        var fields = new Dictionary<PersonField, Option<string?>>
        {
            [PersonField.FamilyName] = new("--family") { Description = "Family name." },
            [PersonField.GivenName] = new("--given") { Description = "Given name(s)." },
            [PersonField.FatherName] = new("--father") { Description = "Father's name." },
            [PersonField.Sex] = new("--sex") { Description = "Sex (M/F, М/Ж)." },
            [PersonField.DateOfBirth] = new("--dob") { Description = "Date of birth (any common format)." },
            [PersonField.PlaceOfBirth] = new("--place") { Description = "Place of birth." },
            [PersonField.Nationality] = new("--nationality") { Description = "Nationality." },
            [PersonField.DocumentNumber] = new("--document") { Description = "Document number (with --nationality as issuing country)." },
            [PersonField.NationalId] = new("--national-id") { Description = "National identity number (e.g. JMBG)." },
        };
        var vehicleFields = new Dictionary<VehicleField, Option<string?>>
        {
            [VehicleField.PlateNumber] = new("--plate") { Description = "Vehicle list: registration plate (either script, any spacing)." },
            [VehicleField.RegistrationCountry] = new("--country") { Description = "Vehicle list: country of registration (SRB, RS, СРБ, ...)." },
            [VehicleField.Vin] = new("--vin") { Description = "Vehicle list: vehicle identification number." },
            [VehicleField.Make] = new("--make") { Description = "Vehicle list: make." },
            [VehicleField.FirstRegistrationYear] = new("--year") { Description = "Vehicle list: year of first registration." },
        };
        var schema = NodeListCommand.SchemaOption();
        var json = new Option<bool>("--json") { Description = "One JSON object per record (a line each)." };
        var csv = new Option<bool>("--csv") { Description = "CSV with a header row." };
        var passphrase = CertificateDirectory.PassphraseOption();
        var command = new Command("query",
            "Ask a standing or joint list whether it holds a person (or a vehicle): hit (hit id, band, the contributor to contact) or no-hit.")
        {
            project, caseReference, officer, keyFile, cert, passphrase, server, input, columns, schema, json, csv,
        };
        foreach (var option in fields.Values.Concat(vehicleFields.Values))
        {
            command.Add(option);
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (CertificateDirectory.TryLoad(parse.GetValue(cert)!, parse.GetValue(passphrase)) is not { } identity)
            {
                return ExitCodes.BadInput;
            }

            ProjectKey key;
            try
            {
                // A key file from `node join` is wrapped to this node's certificate key.
                key = ProjectKeyFile.Load(parse.GetValue(keyFile)!.FullName, identity, parse.GetValue(project)!);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or ArgumentException)
            {
                identity.Dispose();
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            var format = parse.GetValue(json) ? "json" : parse.GetValue(csv) ? "csv" : "text";
            var exit = ExitCodes.Ok;
            using (key)
            using (identity)
            using (var channel = AquilaChannel.Create(parse.GetValue(server)!, identity))
            {
                MatchKeySchema listSchema;
                try
                {
                    // The list pins one schema: persons or vehicles are asked about, never both.
                    listSchema = await ListSchema.ResolveAsync(new Protocol.V1.Coordination.CoordinationClient(channel), parse.GetValue(project)!,
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

                var type = listSchema.RecordType;
                if (QueryFieldOptions.Misplaced(parse, type == RecordType.Vehicle ? fields.Values : vehicleFields.Values) is { } misplaced)
                {
                    return CliConsole.Fail(ExitCodes.Usage, QueryFieldOptions.WrongTypeMessage(parse.GetValue(project)!, type, misplaced));
                }

                List<(SourceRecord? Record, ListEntryProblem? Problem)> records;
                try
                {
                    records = parse.GetValue(input) is { } file
                        ? Read(file.FullName, parse.GetValue(columns) is { } c ? ColumnMap.Load(c.FullName) : ColumnMap.Default, type)
                        : [(type == RecordType.Vehicle ? QueryFieldOptions.Vehicle(parse, vehicleFields) : FromOptions(parse, fields), null)];
                }
                catch (Exception e) when (e is InputFormatException or ColumnMapException or IOException)
                {
                    return CliConsole.Fail(ExitCodes.BadInput, e.Message);
                }

                if (format == "csv")
                {
                    Console.Out.WriteLine("record_id,outcome,hit_id,contributor,band,keys,note");
                }

                using var tokens = new QueryTokens(listSchema, key);
                var query = new ListQuery(new ListClient(new Protocol.V1.Lists.ListsClient(channel), identity), tokens,
                    AuditHeadStore.InCertificateDirectory(parse.GetValue(cert)!.FullName));
                var fromFile = parse.GetValue(input) is not null;
                for (var row = 0; row < records.Count; row++)
                {
                    var (record, readProblem) = records[row];
                    var recordId = record?.RecordId ?? "";
                    if (record is null)
                    {
                        exit = ExitCodes.SomeRejected;
                        Print(format, recordId, null, "rejected", readProblem!.ToString());
                        continue;
                    }

                    QueryAnswer answer;
                    try
                    {
                        answer = await query.AskAsync(parse.GetValue(project)!, record, parse.GetValue(caseReference)!, parse.GetValue(officer)!,
                            cancellationToken);
                    }
                    catch (RpcException e) when (fromFile)
                    {
                        // Every row keeps its line: this one refused (or unanswered), the rest not sent, so none reads as a no-hit.
                        return StopEarly(format, records, row, e);
                    }
                    catch (RpcException e)
                    {
                        return RpcFailure.Report(e);
                    }

                    if (answer.Outcome == QueryOutcome.Rejected)
                    {
                        exit = ExitCodes.SomeRejected;
                        Print(format, recordId, null, "rejected", answer.Problem?.ToString());
                        continue;
                    }

                    Print(format, recordId, answer, answer.Outcome == QueryOutcome.Hit ? "hit" : "no-hit", VariantsNote(answer.VariantsNotSent));
                }
            }

            return exit;
        });
        return command;
    }

    // The server refused the record at `row` (or could not be reached): a line for it and one for each record after it.
    private static int StopEarly(string format, List<(SourceRecord? Record, ListEntryProblem? Problem)> records, int row, RpcException e)
    {
        var unreachable = e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded;
        var detail = string.IsNullOrEmpty(e.Status.Detail) ? e.StatusCode.ToString() : e.Status.Detail;
        var line = records[row].Record!.LineNumber;
        Print(format, records[row].Record!.RecordId, null, unreachable ? "unanswered" : "refused",
            unreachable ? $"the server cannot be reached ({detail})" : $"the server refused ({e.StatusCode}): {detail}");
        for (var rest = row + 1; rest < records.Count; rest++)
        {
            var (record, problem) = records[rest];
            Print(format, record?.RecordId ?? "", null, "not-sent",
                $"not sent: the query stopped at line {line}" + (problem is null ? "" : "; " + problem));
        }

        var notSent = records.Count - row - 1;
        return CliConsole.Fail(ExitCodes.StoppedEarly,
            $"stopped at line {line}: {(unreachable ? "the server cannot be reached" : $"the server refused ({e.StatusCode})")}: {detail} "
            + $"{notSent} of {records.Count} record(s) after it were not sent; each has a not-sent line.");
    }

    private static string? VariantsNote(int notSent) =>
        notSent == 0 ? null : $"{notSent} name variant(s) not sent (a query carries at most {QueryTokens.MaxPerKey} tokens per key)";

    private static void Print(string format, string recordId, QueryAnswer? answer, string outcome, string? note)
    {
        var hits = answer?.Hits.Select(h => new
        {
            hit_id = h.HitId,
            contributor = h.Contributor,
            band = BandNames.Of(h.Band),
            keys = h.AgreeingKeys,
        }).ToArray() ?? [];
        switch (format)
        {
            case "json":
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    record_id = recordId, outcome, hits, note, variants_not_sent = answer?.VariantsNotSent ?? 0, audit_entry = answer?.AuditSequence,
                }, LineJson));
                break;
            case "csv":
                if (hits.Length == 0)
                {
                    Console.Out.WriteLine(string.Join(',', CsvCell.Escape(recordId), outcome, "", "", "", "", CsvCell.Escape(note ?? "")));
                }

                foreach (var hit in hits)
                {
                    Console.Out.WriteLine(string.Join(',', CsvCell.Escape(recordId), outcome, hit.hit_id, hit.contributor, hit.band, string.Join(';', hit.keys),
                        CsvCell.Escape(note ?? "")));
                }

                break;
            default:
                var who = recordId.Length > 0 ? recordId + ": " : "";
                var answerText = hits.Length == 0
                    ? outcome
                    : "HIT — " + string.Join("; ", hits.Select(h => $"contact {h.contributor} ({h.band}), hit id {h.hit_id}"));
                Console.Out.WriteLine(who + answerText + (note is null ? "" : (answer is null ? ": " : " — ") + note));
                break;
        }
    }

    private static PersonRecord FromOptions(ParseResult parse, Dictionary<PersonField, Option<string?>> fields)
    {
        string? Value(PersonField field) => parse.GetValue(fields[field]) is { Length: > 0 } text ? text.Trim() : null;
        return new PersonRecord
        {
            RecordId = "query",
            FamilyName = Value(PersonField.FamilyName),
            GivenName = Value(PersonField.GivenName),
            FatherName = Value(PersonField.FatherName),
            Sex = Value(PersonField.Sex),
            DateOfBirth = Value(PersonField.DateOfBirth),
            PlaceOfBirth = Value(PersonField.PlaceOfBirth),
            Nationality = Value(PersonField.Nationality),
            DocumentNumber = Value(PersonField.DocumentNumber),
            NationalId = Value(PersonField.NationalId),
            SubjectCategory = "other",
            LineNumber = 0,
        };
    }

    private static List<(SourceRecord?, ListEntryProblem?)> Read(string path, ColumnMap columns, RecordType type)
    {
        var records = new List<(SourceRecord?, ListEntryProblem?)>();
        using var reader = RecordReaders.Open(File.OpenRead(path), path, columns, TextEncodings.Resolve(null), type);
        while (reader.TryReadNext(out var record, out var error))
        {
            records.Add(error is null
                ? (record, null)
                : (null, new ListEntryProblem(error.LineNumber, error.Field, error.Reason)));
        }

        return records;
    }
}
