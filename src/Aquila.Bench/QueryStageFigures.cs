namespace Aquila.Bench;

/// <summary>
/// Where a single query's time went in the server, from its stage histograms (<c>aquila.list.query.stage.*.duration</c>)
/// in two <see cref="CounterReading"/>s around the measured phase: for each stage the mean time per query and the share
/// of queries for which that stage alone took more than 2 ms (the interactive p99 goal), so a tail above the goal can be
/// put down to the checks, the quota, the lookup and list-log fsync, the audit commit, or time outside the handler.
/// </summary>
internal static class QueryStageFigures
{
    private const string Goal = "0.002";

    private static readonly (string Stage, string Description)[] Stages =
    [
        ("checks", "checks (fields, signature verification, nonce)"),
        ("quota", "quota"),
        ("lookup", "lookup and, for a hit, the list log's fsync"),
        ("audit", "waiting for the audit group commit"),
        ("call", "the whole call in the handler"),
    ];

    /// <summary>Adds <c>server_stage_{stage}_us_per_query</c> and <c>server_stage_{stage}_over_2ms</c> for each stage both readings hold.</summary>
    public static void Add(LoadReport report, CounterReading before, CounterReading after)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        foreach (var (stage, description) in Stages)
        {
            var metric = $"aquila_list_query_stage_{stage}_duration_seconds";
            var count = Delta(before, after, metric + "_count");
            if (count is not > 0)
            {
                continue;
            }

            var sum = Delta(before, after, metric + "_sum") ?? 0;
            report.Add($"server_stage_{stage}_us_per_query", $"Server, per query: {description}, mean", sum * 1e6 / count.Value, "µs");
            if (Delta(before, after, CounterReading.Bucket(metric + "_bucket", Goal)) is { } within)
            {
                report.Add($"server_stage_{stage}_over_2ms", $"Server: share of queries whose {description} took over 2 ms",
                    (count.Value - within) / count.Value, "");
            }
        }
    }

    private static double? Delta(CounterReading before, CounterReading after, string key) =>
        after[key] is { } end ? end - (before[key] ?? 0) : null;
}
