using System.Globalization;
using Aquila.Bench.Soak;
using Spectre.Console;

namespace Aquila.Cli.Commands;

/// <summary><c>aquila bench --soak DURATION</c>: the soak run of src/Aquila.Bench, its samples as a table, CSV or JSON, and its verdict.</summary>
internal static class BenchSoak
{
    public static async Task<int> RunAsync(SoakOptions options, bool asJson, FileInfo? csv, CancellationToken cancellationToken)
    {
        var inv = CultureInfo.InvariantCulture;
        SoakReport report;
        try
        {
            report = await SoakRun.RunAsync(options, line =>
            {
                if (!asJson)
                {
                    Console.Out.WriteLine(line);
                }
            }, sample =>
            {
                if (!asJson)
                {
                    Console.Out.WriteLine(string.Create(inv,
                        $"{sample.ElapsedSeconds,8:F0} s  RSS {sample.RssBytes / 1048576.0:F0} MiB  {sample.BatchesAcked} batches  {sample.TokensPerSecond:N0} tokens/s  p99 {sample.AckP99Ms:F1} ms  {sample.ListQueries} queries (p99 {sample.QueryP99Ms:F1} ms)  errors {sample.ErrorCount}"));
                }
            }, cancellationToken);
        }
        catch (ArgumentOutOfRangeException e)
        {
            return CliConsole.Fail(ExitCodes.Usage, e.Message);
        }

        if (csv is not null)
        {
            await File.WriteAllTextAsync(csv.FullName, report.ToCsv(), cancellationToken);
        }

        var verdict = report.Verdict;
        if (asJson)
        {
            CliConsole.WriteJson(new Dictionary<string, object>(StringComparer.Ordinal)
            {
                ["samples"] = report.Samples,
                ["verdict"] = new Dictionary<string, object>(StringComparer.Ordinal)
                {
                    ["passed"] = verdict.Passed,
                    ["memory_growth_mib_per_hour"] = Math.Round(verdict.MemoryGrowthMiBPerHour, 2),
                    ["errors"] = verdict.Errors,
                    ["batches_acked"] = verdict.BatchesAcked,
                    ["ack_p50_ms_first_half"] = Math.Round(verdict.FirstHalfP50Ms, 2),
                    ["ack_p50_ms_second_half"] = Math.Round(verdict.SecondHalfP50Ms, 2),
                    ["ack_p99_ms_first_half"] = Math.Round(verdict.FirstHalfP99Ms, 2),
                    ["ack_p99_ms_second_half"] = Math.Round(verdict.SecondHalfP99Ms, 2),
                    ["ack_p99_drift"] = Math.Round(verdict.P99Drift, 3),
                },
                ["notes"] = report.Notes,
            });
        }
        else
        {
            var table = new Table().AddColumns("s", "RSS MiB", "heap MiB", "batches", "tokens/s", "p50 ms", "p99 ms", "hit events", "queries",
                "list queries", "query p99 ms", "errors", "projects");
            foreach (var s in report.Samples)
            {
                table.AddRow(
                    s.ElapsedSeconds.ToString("F0", inv), (s.RssBytes / 1048576.0).ToString("F0", inv), (s.GcHeapBytes / 1048576.0).ToString("F0", inv),
                    s.BatchesAcked.ToString(inv), s.TokensPerSecond.ToString("N0", inv), s.AckP50Ms.ToString("F1", inv), s.AckP99Ms.ToString("F1", inv),
                    s.HitEvents.ToString(inv), s.StatusQueries.ToString(inv), s.ListQueries.ToString(inv), s.QueryP99Ms.ToString("F1", inv),
                    s.ErrorCount == 0 ? "0" : Markup.Escape(SoakReport.ErrorsText(s.Errors)), s.OpenProjects.ToString(inv));
            }

            AnsiConsole.Write(table);
            foreach (var line in report.Notes.Concat(verdict.Lines()))
            {
                Console.Out.WriteLine(line);
            }
        }

        return verdict.Passed ? ExitCodes.Ok : ExitCodes.SoakFailed;
    }
}
