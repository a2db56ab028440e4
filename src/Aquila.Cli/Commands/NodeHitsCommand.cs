using System.CommandLine;
using System.Text.Json;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Input;
using Grpc.Core;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila node hits --server URL --cert DIR --project P [--follow] [--json|--csv]</c></summary>
internal static class NodeHitsCommand
{
    private static readonly JsonSerializerOptions LineJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Command Create()
    {
        var server = ServerAddress.CreateOption();
        var cert = new Option<DirectoryInfo>("--cert") { Description = "Your certificate directory.", Required = true };
        var project = new Option<string>("--project") { Description = "The matching project.", Required = true };
        var handles = new Option<FileInfo[]>("--handles")
        {
            Description = "Handle maps of your batches (<batch>.handles.csv), to show your record ids. Default: every *.handles.csv here.",
            AllowMultipleArgumentsPerToken = true,
        };
        var after = new Option<long>("--after") { Description = "Only events after this sequence number (your saved cursor)." };
        var follow = new Option<bool>("--follow", "-f") { Description = "Keep watching and print new hits as they are found." };
        var json = new Option<bool>("--json") { Description = "One JSON object per hit event (a line each)." };
        var csv = new Option<bool>("--csv") { Description = "CSV with a header row." };
        var command = new Command("hits", "Show this party's hits: hit id, your record id, the other party, band, agreeing keys.")
        {
            server, cert, project, handles, after, follow, json, csv,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var mapPaths = parse.GetValue(handles) is { Length: > 0 } given
                ? given.Select(f => f.FullName).ToArray()
                : Directory.GetFiles(Directory.GetCurrentDirectory(), "*.handles.csv");
            HandleMap map;
            NodeIdentity identity;
            try
            {
                map = HandleMap.Load(mapPaths);
                identity = NodeIdentity.Load(parse.GetValue(cert)!.FullName);
            }
            catch (Exception e) when (e is IOException or InvalidDataException or System.Security.Cryptography.CryptographicException)
            {
                return CliConsole.Fail(ExitCodes.BadInput, e.Message);
            }

            var format = parse.GetValue(json) ? Format.Json : parse.GetValue(csv) ? Format.Csv : Format.Table;
            using (identity)
            using (var channel = AquilaChannel.Create(parse.GetValue(server)!, identity))
            {
                var reader = new HitReader(new Protocol.V1.Matching.MatchingClient(channel));
                var rows = new List<string[]>();
                if (format == Format.Csv)
                {
                    Console.Out.WriteLine("sequence,kind,hit_id,record_id,other_party,band,keys");
                }

                try
                {
                    await foreach (var hit in reader.ReadAsync(parse.GetValue(project)!, parse.GetValue(after), parse.GetValue(follow), cancellationToken))
                    {
                        var row = Row(hit, map);
                        switch (format)
                        {
                            case Format.Json:
                                Console.Out.WriteLine(JsonSerializer.Serialize(new
                                {
                                    sequence = hit.Sequence, kind = row[1], hit_id = row[2], record_id = row[3], other_party = row[4],
                                    band = row[5], keys = hit.AgreeingKeys.ToArray(),
                                }, LineJson));
                                break;
                            case Format.Csv:
                                Console.Out.WriteLine(string.Join(',', row[0], row[1], row[2], Csv(row[3]), row[4], row[5], row[6].Replace(", ", ";", StringComparison.Ordinal)));
                                break;
                            default:
                                if (parse.GetValue(follow))
                                {
                                    Console.Out.WriteLine(string.Join("  ", row));
                                }
                                else
                                {
                                    rows.Add(row);
                                }

                                break;
                        }
                    }
                }
                catch (RpcException e)
                {
                    return RpcFailure.Report(e);
                }

                if (format == Format.Table && !parse.GetValue(follow))
                {
                    var table = new Table().AddColumns("seq", "kind", "hit id", "your record", "other party", "band", "agreeing keys");
                    foreach (var row in rows)
                    {
                        table.AddRow(row.Select(Markup.Escape).ToArray());
                    }

                    AnsiConsole.Write(table);
                    Console.Out.WriteLine($"{rows.Count} hit event(s).");
                    var withdrawn = rows.Count(r => r[1] == KindText(HitEventKind.Withdrawn));
                    if (withdrawn > 0)
                    {
                        Console.Out.WriteLine(
                            $"{withdrawn} withdrawn: those hits no longer exist (you or the other party replaced a data set); do not follow them up.");
                    }
                }

                return ExitCodes.Ok;
            }
        });
        return command;
    }

    private static string[] Row(HitEvent hit, HandleMap map) =>
    [
        hit.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        KindText(hit.Kind),
        Convert.ToHexStringLower(hit.HitId.Span),
        map.Resolve(hit.OwnHandle.Span) ?? "(handle not in the given maps)",
        hit.OtherParty,
        hit.Band switch { Band.Strong => "strong", Band.Probable => "probable", _ => "possible" },
        string.Join(", ", hit.AgreeingKeys),
    ];

    // A withdrawal: you or the other party replaced a data set, and the hit no longer exists.
    internal static string KindText(HitEventKind kind) => kind switch
    {
        HitEventKind.Updated => "updated",
        HitEventKind.Withdrawn => "withdrawn",
        _ => "new",
    };

    private static string Csv(string value) => CsvCell.Escape(value);

    private enum Format
    {
        Table,
        Json,
        Csv,
    }
}
