using System.CommandLine;
using Aquila.Node.Hits;
using Aquila.Tokens;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila node inspect batch.aqb [--json]</c>: counts only, never a token or handle.</summary>
internal static class NodeInspectCommand
{
    public static Command Create()
    {
        var batch = new Argument<FileInfo>("batch") { Description = "The batch file (.aqb)." };
        var json = new Option<bool>("--json") { Description = "Print as JSON." };
        var command = new Command("inspect", "Show what a batch file holds: counts per match key, schema, party.") { batch, json };
        command.SetAction(parse =>
        {
            BatchInspection inspection;
            try
            {
                inspection = BatchInspection.Of(parse.GetValue(batch)!.FullName);
            }
            catch (BatchFormatException e)
            {
                return CliConsole.Fail(ExitCodes.CorruptBatch, e.Message);
            }

            if (parse.GetValue(json))
            {
                WriteJson(inspection);
            }
            else
            {
                WriteTables(inspection);
            }

            return ExitCodes.Ok;
        });
        return command;
    }

    private static void WriteJson(BatchInspection inspection)
    {
        var header = inspection.Header;
        var keys = new List<object>();
        for (var i = 0; i < header.Keys.Count; i++)
        {
            keys.Add(new
            {
                header.Keys[i].Id,
                Band = BandNames.Of(header.Keys[i].Band),
                Tokens = inspection.TokensPerKey[i],
                Records = inspection.RecordsPerKey[i],
            });
        }

        var categories = new Dictionary<string, long>();
        foreach (var category in Enum.GetValues<SubjectCategory>())
        {
            categories[SubjectCategories.Name(category)] = inspection.RecordsPerCategory[(int)category];
        }

        CliConsole.WriteJson(new
        {
            BatchId = header.BatchIdHex,
            Project = header.ProjectId,
            header.Party,
            SchemaHash = header.SchemaHashHex,
            header.SchemaVersion,
            RecordType = RecordTypeOf(header.SchemaHashHex),
            Records = header.RecordCount,
            Tokens = header.TokenCount,
            Keys = keys,
            Categories = categories,
            Stage2 = header.Stage2 is { } stage2
                ? new
                {
                    stage2.VectorLength,
                    BlockEntries = stage2.BlockEntryCount,
                    inspection.RecordsWithBlocks,
                    Blocks = BlockRows(inspection).Select(b => new { Id = b.Name, Entries = b.Count }).ToList(),
                }
                : null,
        });
    }

    private static void WriteTables(BatchInspection inspection)
    {
        var header = inspection.Header;
        var invariant = System.Globalization.CultureInfo.InvariantCulture;
        var about = new Table().AddColumns("", "");
        about.HideHeaders();
        about.AddRow("batch id", header.BatchIdHex);
        about.AddRow("project", Markup.Escape(header.ProjectId));
        about.AddRow("party", header.Party);
        about.AddRow("schema", $"v{header.SchemaVersion} sha256:{header.SchemaHashHex}");
        about.AddRow("record type", RecordTypeOf(header.SchemaHashHex) ?? "not a built-in schema: see the schema file's record_type");
        about.AddRow("records", header.RecordCount.ToString("N0", invariant));
        about.AddRow("tokens", header.TokenCount.ToString("N0", invariant));
        AnsiConsole.Write(about);

        var keys = new Table().AddColumns("key", "band", "tokens", "records");
        for (var i = 0; i < header.Keys.Count; i++)
        {
            keys.AddRow(header.Keys[i].Id, BandNames.Of(header.Keys[i].Band),
                inspection.TokensPerKey[i].ToString("N0", invariant), inspection.RecordsPerKey[i].ToString("N0", invariant));
        }

        AnsiConsole.Write(keys);

        var categories = new Table().AddColumns("subject category", "records");
        foreach (var category in Enum.GetValues<SubjectCategory>())
        {
            categories.AddRow(SubjectCategories.Name(category),
                inspection.RecordsPerCategory[(int)category].ToString("N0", invariant));
        }

        AnsiConsole.Write(categories);
        if (header.Stage2 is { } stage2)
        {
            // Stage 2 (format version 2): counts of block entries only, never a block token or vector.
            var blocks = new Table().AddColumns("stage-2 block", "entries");
            foreach (var (name, count) in BlockRows(inspection))
            {
                blocks.AddRow(name, count.ToString("N0", invariant));
            }

            AnsiConsole.Write(blocks);
            Console.Out.WriteLine(
                $"{inspection.RecordsWithBlocks.ToString("N0", invariant)} records carry block entries; comparison vectors of {stage2.VectorLength} bytes.");
        }
    }

    // Block names are known for the built-in schema; another schema's blocks are shown by index.
    private static List<(string Name, long Count)> BlockRows(BatchInspection inspection)
    {
        var scoring = string.Equals(MatchKeySchema.Default.HashHex, inspection.Header.SchemaHashHex, StringComparison.Ordinal)
            ? MatchKeySchema.Default.Scoring
            : null;
        var rows = new List<(string, long)>();
        for (var i = 0; i < inspection.EntriesPerBlock.Count; i++)
        {
            var name = scoring is not null && i < scoring.Blocks.Count ? scoring.Blocks[i] : "block " + i;
            rows.Add((name, inspection.EntriesPerBlock[i]));
        }

        return rows;
    }

    // The batch names its schema by hash; the built-in schemas are known by theirs.
    private static string? RecordTypeOf(string schemaHashHex) =>
        MatchKeySchema.BuiltInRecordType(schemaHashHex) is { } type ? RecordTypes.Name(type) : null;
}
