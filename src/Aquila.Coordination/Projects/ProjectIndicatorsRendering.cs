using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Aquila.Coordination.Projects;

/// <summary>Renders <see cref="ProjectIndicators"/> for <c>aquila project indicators --json|--markdown</c>.</summary>
public static class ProjectIndicatorsRendering
{
    private static readonly JsonSerializerOptions Indented = new(ProjectJson.Default.Options) { WriteIndented = true };

    /// <summary>Indented camelCase JSON; enums as names, the time to first confirmation as <c>d.hh:mm:ss</c>.</summary>
    public static string ToJson(this ProjectIndicators indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        return JsonSerializer.Serialize(indicators, Indented.GetTypeInfo(typeof(ProjectIndicators)));
    }

    /// <summary>A Markdown heading and two tables: the indicators, and records per party.</summary>
    public static string ToMarkdown(this ProjectIndicators indicators)
    {
        ArgumentNullException.ThrowIfNull(indicators);
        var text = new StringBuilder();
        text.Append("## Indicators of project ").Append(indicators.ProjectId)
            .Append(" (").Append(indicators.View == ProjectIndicators.CoordinatorView ? "all parties" : "party " + indicators.View).Append(")\n\n");
        text.Append("| Indicator | Value |\n|---|---:|\n");
        Row(text, "Title", Cell(indicators.Title));
        Row(text, "State", indicators.State.ToString());
        Row(text, "Parties involved", Number(indicators.PartiesInvolved) + " (" + string.Join(", ", indicators.Parties) + ")");
        var released = indicators.HitsReleased;
        Row(text, "Positive hits, strong", released ? Number(indicators.Hits.Strong) : "not released");
        Row(text, "Positive hits, probable", released ? Number(indicators.Hits.Probable) : "not released");
        Row(text, "Positive hits, possible", released ? Number(indicators.Hits.Possible) : "not released");
        Row(text, "Positive hits, total", released ? Number(indicators.Hits.Total) : "not released");
        Row(text, "Hits confirmed by analysts", Number(indicators.HitsConfirmed));
        Row(text, "Hits rejected by analysts", Number(indicators.HitsRejected));
        Row(text, "Hits disputed (confirmed and rejected)", Number(indicators.HitsDisputed));
        Row(text, "Time from Matching to first confirmation", Duration(indicators.TimeToFirstConfirmation));
        text.Append("\n| Party | Declared records | Submitted records | Batches |\n|---|---:|---:|---:|\n");
        foreach (var party in indicators.RecordsSubmitted)
        {
            text.Append("| ").Append(party.Party)
                .Append(" | ").Append(Number(party.DeclaredRecords))
                .Append(" | ").Append(Number(party.SubmittedRecords))
                .Append(" | ").Append(Number(party.Batches)).Append(" |\n");
        }

        return text.ToString();
    }

    private static void Row(StringBuilder text, string name, string value) =>
        text.Append("| ").Append(name).Append(" | ").Append(value).Append(" |\n");

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    // A title may hold '|' or line breaks, which would break the table.
    private static string Cell(string value) => value.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static string Duration(TimeSpan? span)
    {
        if (span is not { } value)
        {
            return "no confirmation yet";
        }

        var days = (long)value.TotalDays;
        return days > 0
            ? string.Create(CultureInfo.InvariantCulture, $"{days} d {value.Hours} h {value.Minutes} min")
            : string.Create(CultureInfo.InvariantCulture, $"{value.Hours} h {value.Minutes} min");
    }
}
