namespace Aquila.Bench;

/// <summary>
/// Figures per query (or per bulk-checked person) from two <see cref="CounterReading"/>s of the server around a measured
/// phase. The runtime's counters are the process's: they are reported only when the server runs in a process of its own
/// (otherwise they would include the querier); the audit and write-ahead log counters are the server's in either case.
/// </summary>
internal static class CounterFigures
{
    private static readonly Counter[] Runtime =
    [
        new("dotnet_gc_heap_total_allocated_bytes_total", "server_alloc_bytes", "Server: bytes allocated", "B", 1),
        new("dotnet_gc_collections_total", "server_gc", "Server: garbage collections (all generations)", "", 1000),
        new("dotnet_thread_pool_work_item_count_total", "server_work_items", "Server: thread-pool work items", "", 1),
        new("dotnet_monitor_lock_contentions_total", "server_lock_contentions", "Server: lock contentions", "", 1),
        // Non-zero means the warm-up was too short: the JIT was still compiling (or recompiling hot code) while measured.
        new("dotnet_jit_compiled_methods_total", "server_jit_methods", "Server: methods compiled by the JIT", "", 1000),
        new("dotnet_jit_compilation_time_seconds_total", "server_jit_us", "Server: time spent in the JIT", "µs", 1, Scale: 1e6),
    ];

    private static readonly Counter[] Storage =
    [
        new("aquila_audit_commits_total", "audit_commits", "Audit chain transactions committed (one fsync each)", "", 1),
        new("aquila_wal_fsync_duration_seconds_count", "wal_fsyncs", "List log (write-ahead log) fsyncs", "", 1),
    ];

    /// <summary>
    /// Adds <c>{prefix}{stem}_per_{unit}</c> for each counter both readings hold (garbage collections per 1,000): e.g.
    /// <c>server_alloc_bytes_per_query</c>, <c>bulk_audit_commits_per_person</c>.
    /// </summary>
    public static void Add(LoadReport report, CounterReading before, CounterReading after, int count, string prefix, string unit,
        string units, bool runtime)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (count <= 0)
        {
            return;
        }

        if (runtime)
        {
            AddEach(report, Runtime, before, after, count, prefix, unit, units);
        }

        AddEach(report, Storage, before, after, count, prefix, unit, units);
    }

    private static void AddEach(LoadReport report, Counter[] counters, CounterReading before, CounterReading after, int count, string prefix,
        string unit, string units)
    {
        foreach (var counter in counters)
        {
            if (after[counter.Metric] is not { } end)
            {
                continue;
            }

            var per = counter.Per == 1 ? unit : $"{counter.Per}_{units}";
            var text = counter.Per == 1 ? unit : $"{counter.Per:N0} {units}";
            report.Add($"{prefix}{counter.Stem}_per_{per}", $"{counter.Description} per {text}",
                (end - (before[counter.Metric] ?? 0)) * counter.Scale * counter.Per / count, counter.Unit);
        }
    }

    // Scale turns the counter's unit into the figure's (seconds to µs).
    private sealed record Counter(string Metric, string Stem, string Description, string Unit, int Per, double Scale = 1);
}
