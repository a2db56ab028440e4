using Aquila.Bench;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary>Prints a load driver's report: its figures as JSON (rounded, with the notes) or as a table followed by the notes.</summary>
internal static class LoadReportOutput
{
    public static int Print(LoadReport report, bool asJson, Func<LoadFigure, string> format)
    {
        if (asJson)
        {
            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            foreach (var setting in report.Settings)
            {
                values[setting.Key] = setting.Value;
            }

            foreach (var figure in report.Figures)
            {
                values[figure.Key] = Math.Round(figure.Value, 3);
            }

            values["notes"] = report.Notes;
            CliConsole.WriteJson(values);
            return ExitCodes.Ok;
        }

        var table = new Table().AddColumns("figure", "value", "key");
        foreach (var setting in report.Settings)
        {
            table.AddRow(Markup.Escape(setting.Label), Markup.Escape(setting.Value), setting.Key);
        }

        foreach (var figure in report.Figures)
        {
            table.AddRow(Markup.Escape(figure.Label), format(figure), figure.Key);
        }

        AnsiConsole.Write(table);
        foreach (var note in report.Notes)
        {
            Console.Out.WriteLine(note);
        }

        return ExitCodes.Ok;
    }
}
