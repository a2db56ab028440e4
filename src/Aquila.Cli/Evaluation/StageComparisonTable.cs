using Spectre.Console;

namespace Aquila.Cli.Evaluation;

/// <summary>Prints stage 1 alone and stage 1 + 2 side by side: hits, precision and recall per cumulative band.</summary>
internal static class StageComparisonTable
{
    public static void Write(EvaluationReport stage1, EvaluationReport stage2)
    {
        var table = new Table().AddColumn(new TableColumn("bands").NoWrap())
            .AddColumns("stage 1 hits", "precision", "recall", "stage 1 + 2 hits", "precision", "recall");
        for (var i = 0; i < stage1.Levels.Count; i++)
        {
            var (a, b) = (stage1.Levels[i].Quality, stage2.Levels[i].Quality);
            table.AddRow(a.Bands, $"{a.Hits:N0}", $"{a.Precision:F4}", $"{a.Recall:F4}", $"{b.Hits:N0}", $"{b.Precision:F4}", $"{b.Recall:F4}");
        }

        AnsiConsole.Write(table);
    }
}
