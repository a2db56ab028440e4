using System.CommandLine;
using Aquila.Node;
using Aquila.Node.Lists;
using Aquila.Protocol.V1;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Grpc.Core;

namespace Aquila.Cli.Commands;

/// <summary>
/// <c>aquila node list add|remove|replace --project P --input entries.csv --key-file K --cert DIR --server URL</c> and
/// <c>aquila node list hits</c>: a contributor keeps its entries on a joint list and reads its duplicates and query hits.
/// </summary>
internal static class NodeListCommand
{
    public static Command Create() => new("list", "A contributor's entries on a standing or joint list: add, remove, replace; duplicates and query hits.")
    {
        Change("add", ListChangeKind.Add, "Add entries (an entry already on the list is confirmed again with its new review date)."),
        Change("replace", ListChangeKind.Replace, "Replace all of your entries on the list with the entries of the file."),
        Change("remove", ListChangeKind.Remove, "Remove the entries whose record ids are in the file (only the record_id column is needed)."),
        NodeListHitsCommand.Create(),
    };

    internal static Option<FileInfo?> HandlesOption() => new("--handles")
    {
        Description = "Your list handle map (record id ↔ entry handle; never leaves the node). Default: <project>.list-handles.csv here.",
    };

    internal static Option<FileInfo?> SchemaOption() => new("--schema")
    {
        Description = "The schema file of a list that pins a schema which is not built in (persons and vehicles-v1 are built in).",
    };

    internal static string HandlesPath(FileInfo? given, string project) =>
        given?.FullName ?? Path.Combine(Directory.GetCurrentDirectory(), project + ".list-handles.csv");

    private static Command Change(string name, ListChangeKind kind, string description)
    {
        var project = new Option<string>("--project") { Description = "The list project.", Required = true };
        var input = new Option<FileInfo>("--input", "-i")
        {
            Description = "Entries CSV: the records columns of the list's record type (persons or vehicles, as for `node tokenize`) plus "
                + "subject_category and review_date (yyyy-MM-dd).",
            Required = true,
        };
        var keyFile = new Option<FileInfo?>("--key-file", "-k") { Description = "The project key file (add and replace)." };
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your certificate directory.", Required = true };
        var server = ServerAddress.CreateOption();
        var columns = new Option<FileInfo?>("--columns") { Description = "A column map (JSON) when your headers differ from the canonical ones." };
        var handles = HandlesOption();
        var schema = SchemaOption();
        var json = new Option<bool>("--json") { Description = "Print the receipt as JSON." };
        var passphrase = CertificateDirectory.PassphraseOption();
        var command = new Command(name, description) { project, input, keyFile, cert, passphrase, server, columns, handles, schema, json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var projectId = parse.GetValue(project)!;
            var inputPath = parse.GetValue(input)!.FullName;
            ColumnMap map;
            ListHandleMap handleMap;
            try
            {
                map = parse.GetValue(columns) is { } c ? ColumnMap.Load(c.FullName) : ColumnMap.Default;
                handleMap = ListHandleMap.Load(HandlesPath(parse.GetValue(handles), projectId));
            }
            catch (Exception e) when (e is ColumnMapException or IOException or InvalidDataException or FormatException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            if (CertificateDirectory.TryLoad(parse.GetValue(cert)!, parse.GetValue(passphrase)) is not { } identity)
            {
                return ExitCodes.BadInput;
            }

            using var owner = identity;
            using var channel = AquilaChannel.Create(parse.GetValue(server)!, identity);
            MatchKeySchema schemaOfList;
            try
            {
                // The list pins one schema, hence the type of the records in the file (persons, vehicles).
                schemaOfList = await ListSchema.ResolveAsync(new Protocol.V1.Coordination.CoordinationClient(channel), projectId,
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

            var change = new ListChange(projectId, kind, handleMap, schemaOfList);
            PreparedListChange prepared;
            try
            {
                if (kind == ListChangeKind.Remove)
                {
                    prepared = change.PrepareRemoval(inputPath, map);
                    if (prepared.NotOnList > 0)
                    {
                        CliConsole.Warn($"{prepared.NotOnList} record id(s) are not on your list (not in {handleMap.Path}); nothing to remove for them.");
                    }
                }
                else
                {
                    if (parse.GetValue(keyFile) is not { } keyPath)
                    {
                        return CliConsole.Fail(ExitCodes.Usage, $"`node list {name}` needs --key-file: entries are tokenised with the project key.");
                    }

                    // A key file from `node join` is wrapped to this node's certificate key.
                    using var key = ProjectKeyFile.Load(keyPath.FullName, identity, projectId);
                    prepared = change.PrepareEntries(inputPath, map, key);
                }
            }
            catch (Exception e) when (e is InputFormatException or IOException or InvalidDataException or ArgumentException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            var problems = prepared.Problems;
            foreach (var problem in problems)
            {
                CliConsole.Warn($"'{inputPath}' {problem}; skipped.");
            }

            ListChangeReceipt receipt;
            try
            {
                receipt = await change.SendAsync(prepared, new ListClient(new Protocol.V1.Lists.ListsClient(channel), identity),
                    AuditHeadStore.InCertificateDirectory(parse.GetValue(cert)!.FullName), "list-" + name, cancellationToken);
            }
            catch (RpcException e)
            {
                return RpcFailure.Report(e);
            }

            if (parse.GetValue(json))
            {
                CliConsole.WriteJson(new
                {
                    receipt.ProjectId, Change = name, receipt.Added, receipt.Reconfirmed, receipt.Removed, receipt.Entries, receipt.DuplicateEvents,
                    Skipped = problems.Count, receipt.AuditSequence,
                });
            }
            else
            {
                Console.Out.WriteLine($"List {receipt.ProjectId}: {name}: {receipt.Added} added, {receipt.Reconfirmed} re-confirmed, {receipt.Removed} removed; "
                    + $"you now hold {receipt.Entries} entries. "
                    + $"{receipt.DuplicateEvents} duplicate notification(s); read them with `aquila node list hits`.");
            }

            return problems.Count > 0 ? ExitCodes.SomeRejected : ExitCodes.Ok;
        });
        return command;
    }
}
