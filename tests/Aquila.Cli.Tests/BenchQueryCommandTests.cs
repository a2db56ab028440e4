using System.Text.Json;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>
/// <c>aquila bench query --server-process</c> reads the server's own counters around the measured phase: figures per query
/// that do not move with the machine's load.
/// </summary>
[Collection(nameof(ProcessTests))]
public class BenchQueryCommandTests
{
    [Fact]
    public async Task Bench_query_with_a_server_process_reports_allocations_hops_and_commits_per_query()
    {
        using var dir = new TempDirectory();

        var result = await AquilaProcess.RunAsync(dir.Path, "bench", "query", "--entries", "2000", "--queries", "300", "--warmup", "100",
            "--concurrency", "4", "--no-redis", "--server-process", "--bulk", "2000", "--json");

        Assert.True(result.ExitCode == 0, result.Output + result.Error);
        var figures = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(figures.GetProperty("server_alloc_bytes_per_query").GetDouble() > 0);
        Assert.True(figures.GetProperty("server_work_items_per_query").GetDouble() > 0);
        Assert.True(figures.GetProperty("server_gc_per_1000_queries").GetDouble() >= 0);
        Assert.True(figures.GetProperty("server_lock_contentions_per_query").GetDouble() >= 0);
        // Every query is audited before it is answered, in groups: at least one commit, at most one per query.
        Assert.InRange(figures.GetProperty("audit_commits_per_query").GetDouble(), 1.0 / 300, 1.0);
        Assert.True(figures.GetProperty("wal_fsyncs_per_query").GetDouble() >= 0);
        Assert.True(figures.GetProperty("bulk_server_alloc_bytes_per_person").GetDouble() > 0);
        Assert.InRange(figures.GetProperty("bulk_audit_commits_per_person").GetDouble(), 1.0 / 2000, 1.0);
    }
}
