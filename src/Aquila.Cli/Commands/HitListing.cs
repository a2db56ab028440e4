using System.Text.Json;
using Aquila.Node.Hits;
using Aquila.Tokens.Input;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary>
/// Prints a party's hits with its own record ids — as a table, one JSON object per line, or CSV — the same way
/// whether they came over the network (<c>aquila node hits</c>) or in a hits file (<c>aquila node import-hits</c>).
/// A hit that stage 2 scored also shows its score (posterior) and per-field agreement levels, e.g.
/// <c>given≈ family= dob:year±1 father:missing</c>; never a value.
/// </summary>
internal sealed class HitListing(HitListing.Format format, bool streaming)
{
    private static readonly JsonSerializerOptions LineJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    private readonly List<string[]> _rows = [];

    public enum Format
    {
        Table,
        Json,
        Csv,
    }

    /// <summary>Events written so far.</summary>
    public int Count { get; private set; }

    public static Format FormatOf(bool json, bool csv) => json ? Format.Json : csv ? Format.Csv : Format.Table;

    public void Begin()
    {
        if (format == Format.Csv)
        {
            Console.Out.WriteLine("sequence,kind,hit_id,record_id,other_party,band,keys,score,agreement");
        }
    }

    public void Write(NodeHit hit)
    {
        Count++;
        var row = Row(hit);
        switch (format)
        {
            case Format.Json:
                Console.Out.WriteLine(JsonSerializer.Serialize(new
                {
                    sequence = hit.Sequence, kind = row[1], hit_id = row[2], record_id = row[3], other_party = row[4],
                    band = row[5], keys = hit.AgreeingKeys, score = hit.Score, agreement = hit.Agreement,
                }, LineJson));
                break;
            case Format.Csv:
                Console.Out.WriteLine(string.Join(',', row[0], row[1], row[2], CsvCell.Escape(row[3]), row[4], row[5],
                    row[6].Replace(", ", ";", StringComparison.Ordinal), row[7], CsvCell.Escape(row[8])));
                break;
            default:
                if (streaming)
                {
                    Console.Out.WriteLine(string.Join("  ", row));
                }
                else
                {
                    _rows.Add(row);
                }

                break;
        }
    }

    /// <summary>Prints the table (when not streaming) and the count.</summary>
    public void End()
    {
        if (format != Format.Table || streaming)
        {
            return;
        }

        var table = new Table().AddColumns("seq", "kind", "hit id", "your record", "other party", "band", "agreeing keys", "score", "agreement");
        foreach (var row in _rows)
        {
            table.AddRow(row.Select(Markup.Escape).ToArray());
        }

        AnsiConsole.Write(table);
        Console.Out.WriteLine($"{_rows.Count} hit event(s).");
        var withdrawn = _rows.Count(r => r[1] == KindText(NodeHitKind.Withdrawn));
        if (withdrawn > 0)
        {
            Console.Out.WriteLine(
                $"{withdrawn} withdrawn: those hits no longer exist (you or the other party replaced a data set); do not follow them up.");
        }
    }

    private static string[] Row(NodeHit hit) =>
    [
        hit.Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        KindText(hit.Kind),
        hit.HitId,
        hit.RecordId ?? "(handle not in the given maps)",
        hit.OtherParty,
        BandNames.Of(hit.Band),
        string.Join(", ", hit.AgreeingKeys),
        hit.Score is { } score ? score.ToString("0.000", System.Globalization.CultureInfo.InvariantCulture) : "",
        string.Join(' ', hit.Agreement),
    ];

    // A withdrawal: you or the other party replaced a data set, and the hit no longer exists.
    internal static string KindText(NodeHitKind kind) => kind switch
    {
        NodeHitKind.Updated => "updated",
        NodeHitKind.Withdrawn => "withdrawn",
        _ => "new",
    };
}
