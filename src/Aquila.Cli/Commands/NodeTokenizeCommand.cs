using System.CommandLine;
using Aquila.Node.Tokenising;
using Aquila.Tokens;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Aquila.Tokens.Pipeline;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila node tokenize --input records.csv --key-file project.key [--cert DIR] --party RS --out batch.aqb
/// [--categories suspect,person_of_interest]</c>. The key file is either wrapped to the node's certificate key (from
/// <c>aquila node join</c>; needs --cert) or a raw key (<c>aquila key new</c>). With --categories (the project's
/// allowedCategories), records of other categories are left out like bad records: each is listed in the reject file
/// with its line, record id and category, and the run ends with exit code 1 (or stops at the first with --strict) —
/// the records the project may take are still tokenised, which is what an operator exporting a mixed list expects.
/// </summary>
internal static class NodeTokenizeCommand
{
    public static Command Create()
    {
        var input = new Option<FileInfo>("--input", "-i") { Description = "CSV file of person records.", Required = true };
        var keyFile = new Option<FileInfo>("--key-file", "-k") { Description = "The project key file.", Required = true };
        var cert = new Option<DirectoryInfo?>("--cert")
        {
            Description = "Your node's certificate directory: unwraps a key file written by `aquila node join`.",
        };
        var party = new Option<string>("--party", "-p") { Description = "Your party code, e.g. RS, BA, XK.", Required = true };
        var output = new Option<FileInfo>("--out", "-o") { Description = "The batch file to write (.aqb).", Required = true };
        var project = new Option<string>("--project")
        {
            Description = "The matching project id.",
            DefaultValueFactory = _ => "default",
        };
        var columns = new Option<FileInfo?>("--columns")
        {
            Description = "Column-map JSON: canonical field name -> header in your file, e.g. {\"family_name\": \"PREZIME\"}.",
        };
        var schema = new Option<FileInfo?>("--schema") { Description = "A match-key schema file instead of the built-in one." };
        var encoding = new Option<string>("--encoding")
        {
            Description = "Input encoding: " + string.Join(", ", TextEncodings.Supported) + ".",
            DefaultValueFactory = _ => "utf-8",
        };
        var categories = new Option<string?>("--categories")
        {
            Description = "The data-subject categories the project allows (allowedCategories in `aquila project show`), e.g. "
                + "suspect,person_of_interest. Records of other categories are left out and listed in the reject file.",
        };
        var strict = new Option<bool>("--strict") { Description = "Stop at the first bad record; write nothing." };
        var json = new Option<bool>("--json") { Description = "Print the summary as JSON." };

        var passphrase = CertificateDirectory.PassphraseOption();
        var command = new Command("tokenize", "Turn person records into a token batch; raw data stays on this node.")
        {
            input, keyFile, cert, passphrase, party, output, project, columns, schema, encoding, categories, strict, json,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var partyCode = parse.GetValue(party)!;
            if (!Identifiers.IsValidPartyCode(partyCode))
            {
                return CliConsole.Fail(ExitCodes.Usage, "--party must be 2 or 3 upper-case letters, e.g. RS, BA, XK.");
            }

            var projectId = parse.GetValue(project)!;
            if (!Identifiers.IsValidProjectId(projectId))
            {
                return CliConsole.Fail(ExitCodes.Usage, "--project must be 1-64 characters of letters, digits, '.', '_' and '-'.");
            }

            IReadOnlySet<SubjectCategory>? allowed = null;
            if (parse.GetValue(categories) is { } list && !CategoryList.TryParse(list, out allowed))
            {
                return CliConsole.Fail(ExitCodes.Usage, "--categories must list one or more of " + SubjectCategories.Accepted
                    + ", separated by commas, e.g. suspect,person_of_interest.");
            }

            TokenizeOptions options;
            ProjectKey key;
            try
            {
                options = new TokenizeOptions
                {
                    InputPath = parse.GetValue(input)!.FullName,
                    BatchPath = parse.GetValue(output)!.FullName,
                    Party = partyCode,
                    ProjectId = projectId,
                    Columns = parse.GetValue(columns) is { } map ? ColumnMap.Load(map.FullName) : ColumnMap.Default,
                    Schema = parse.GetValue(schema) is { } s ? MatchKeySchema.Load(s.FullName) : MatchKeySchema.Default,
                    Encoding = TextEncodings.Resolve(parse.GetValue(encoding)),
                    Strict = parse.GetValue(strict),
                    AllowedCategories = allowed,
                };
                var certificates = parse.GetValue(cert);
                key = NodeTokenizer.LoadKey(parse.GetValue(keyFile)!.FullName, certificates?.FullName,
                    certificates is null ? null : CaPassphrase.Read(parse.GetValue(passphrase)), projectId, partyCode);
            }
            catch (Exception e) when (e is ColumnMapException or MatchKeySchemaException or ArgumentException or InvalidDataException
                or IOException or System.Security.Cryptography.CryptographicException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            using (key)
            {
                TokenizeSummary summary;
                try
                {
                    summary = await RunAsync(options, key, showProgress: !parse.GetValue(json), cancellationToken);
                }
                catch (InputFormatException e)
                {
                    return CliConsole.Fail(ExitCodes.BadInput, e.Message);
                }

                return Report(summary, options, parse.GetValue(json));
            }
        });
        return command;
    }

    private static async Task<TokenizeSummary> RunAsync(TokenizeOptions options, ProjectKey key, bool showProgress,
        CancellationToken cancellationToken)
    {
        if (!showProgress || !CliConsole.Interactive)
        {
            return await NodeTokenizer.RunAsync(options, key, null, cancellationToken);
        }

        TokenizeSummary? summary = null;
        await AnsiConsole.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Tokenising", maxValue: 1.0);
                var progress = new Progress<double>(fraction => task.Value = fraction);
                summary = await NodeTokenizer.RunAsync(options, key, progress, cancellationToken);
                task.Value = 1.0;
            });
        return summary!;
    }

    private static int Report(TokenizeSummary summary, TokenizeOptions options, bool json)
    {
        if (json)
        {
            var perKey = new Dictionary<string, long>();
            for (var i = 0; i < options.Schema.Keys.Count; i++)
            {
                perKey[options.Schema.Keys[i].Id] = summary.TokensPerKey[i];
            }

            CliConsole.WriteJson(new
            {
                summary.RecordsRead,
                summary.RecordsTokenized,
                summary.RecordsRejected,
                summary.RecordsOfOtherCategories,
                summary.RecordsStage2Only,
                summary.RecordsDateIgnored,
                summary.Tokens,
                TokensPerKey = perKey,
                BatchId = summary.Header?.BatchIdHex,
                Batch = summary.Header is null ? null : options.BatchPath,
                HandleMap = summary.Header is null ? null : options.EffectiveHandleMapPath,
                RejectFile = summary.RecordsRejected + summary.RecordsStage2Only + summary.RecordsDateIgnored > 0 ? options.EffectiveRejectPath : null,
                SchemaHash = options.Schema.HashHex,
                Strict = summary.StoppedByStrict,
            });
        }
        else
        {
            var table = new Table().AddColumns("", "");
            table.HideHeaders();
            table.AddRow("records read", summary.RecordsRead.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow("tokenised", summary.RecordsTokenized.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            if (summary.RecordsStage2Only > 0)
            {
                table.AddRow("of them stage 2 only", summary.RecordsStage2Only.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }

            if (summary.RecordsDateIgnored > 0)
            {
                table.AddRow("of them without their date", summary.RecordsDateIgnored.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            }

            table.AddRow("rejected", summary.RecordsRejected.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            table.AddRow("tokens", summary.Tokens.ToString("N0", System.Globalization.CultureInfo.InvariantCulture));
            if (summary.Header is { } header)
            {
                table.AddRow("batch", Markup.Escape($"{options.BatchPath} (id {header.BatchIdHex})"));
                table.AddRow("handle map", Markup.Escape(options.EffectiveHandleMapPath + " (keep on this node)"));
            }

            if (summary.RecordsRejected + summary.RecordsStage2Only + summary.RecordsDateIgnored > 0)
            {
                table.AddRow("reject file", Markup.Escape(options.EffectiveRejectPath));
            }

            AnsiConsole.Write(table);
        }

        if (summary.StrictStop is { } stop)
        {
            var field = stop.Field is null ? "" : $", field {stop.Field}";
            return CliConsole.Fail(ExitCodes.StrictStop,
                $"--strict: stopped at {stop.SourceName} line {stop.LineNumber}{field}: {stop.Reason}. Nothing was written.");
        }

        if (summary.RecordsOfOtherCategories > 0)
        {
            CliConsole.Warn($"{summary.RecordsOfOtherCategories} record(s) left out: their data-subject category is not one project "
                + $"{options.ProjectId} allows ({BatchTokenizer.Names(options.AllowedCategories!)}); nothing of them is in the batch.");
        }

        if (summary.RecordsStage2Only > 0)
        {
            CliConsole.Warn($"{summary.RecordsStage2Only} record(s) went in as stage 2 only: no match key could be built from them (for persons: no date of birth and no identifier), "
                + $"so they can match only by score; each is noted in {options.EffectiveRejectPath}.");
        }

        if (summary.RecordsDateIgnored > 0)
        {
            CliConsole.Warn($"{summary.RecordsDateIgnored} record(s) went in without their date of birth: it is not a date; "
                + $"each is noted in {options.EffectiveRejectPath}.");
        }

        if (summary.RecordsRejected > 0)
        {
            CliConsole.Warn($"{summary.RecordsRejected} record(s) rejected; each is listed with its line and reason in {options.EffectiveRejectPath}.");
            return ExitCodes.SomeRejected;
        }

        return ExitCodes.Ok;
    }
}
