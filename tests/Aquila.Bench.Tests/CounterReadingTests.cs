namespace Aquila.Bench.Tests;

public class CounterReadingTests
{
    private const string Scrape = """
        # TYPE dotnet_gc_collections_total counter
        # HELP dotnet_gc_collections_total Number of garbage collections.
        dotnet_gc_collections_total{gc_heap_generation="gen0",otel_scope_name="System.Runtime"} 12 1765116000000
        dotnet_gc_collections_total{gc_heap_generation="gen1",otel_scope_name="System.Runtime"} 3 1765116000000
        dotnet_gc_heap_total_allocated_bytes_total 123456789
        aquila_queries_total{project="a b",outcome="no-hit"} 5
        aquila_wal_fsync_duration_seconds_count{otel_scope_name="Aquila.Matching"} 40
        aquila_list_query_duration_seconds_bucket{le="+Inf"} +Inf
        # EOF
        """;

    [Fact]
    public void A_metric_is_summed_over_its_label_sets()
    {
        Assert.Equal(15, CounterReading.Parse(Scrape)["dotnet_gc_collections_total"]);
    }

    [Fact]
    public void A_metric_without_labels_and_with_spaces_in_label_values_is_read()
    {
        var reading = CounterReading.Parse(Scrape);

        Assert.Equal(123456789, reading["dotnet_gc_heap_total_allocated_bytes_total"]);
        Assert.Equal(5, reading["aquila_queries_total"]);
        Assert.Equal(40, reading["aquila_wal_fsync_duration_seconds_count"]);
    }

    [Fact]
    public void A_metric_the_text_lacks_or_with_an_infinite_value_reads_as_null()
    {
        var reading = CounterReading.Parse(Scrape);

        Assert.Null(reading["dotnet_monitor_lock_contentions_total"]);
        Assert.Null(reading["aquila_list_query_duration_seconds_bucket"]);
    }

    [Fact]
    public void Figures_per_query_are_the_differences_of_two_readings_divided_by_the_queries()
    {
        var before = CounterReading.Parse("dotnet_gc_heap_total_allocated_bytes_total 1000\ndotnet_gc_collections_total 2\naquila_audit_commits_total 10\n");
        var after = CounterReading.Parse("dotnet_gc_heap_total_allocated_bytes_total 21000\ndotnet_gc_collections_total 4\naquila_audit_commits_total 15\n");
        var report = new LoadReport();

        CounterFigures.Add(report, before, after, 100, "", "query", "queries", runtime: true);

        Assert.Equal(200, report["server_alloc_bytes_per_query"]);
        Assert.Equal(20, report["server_gc_per_1000_queries"]);
        Assert.Equal(0.05, report["audit_commits_per_query"]);
        Assert.Null(report["server_lock_contentions_per_query"]);
    }

    [Fact]
    public void Runtime_figures_are_left_out_when_the_server_shares_the_querier_process()
    {
        var reading = CounterReading.Parse("dotnet_gc_heap_total_allocated_bytes_total 1000\naquila_audit_commits_total 10\n");
        var report = new LoadReport();

        CounterFigures.Add(report, reading, reading, 10, "bulk_", "person", "persons", runtime: false);

        Assert.Null(report["bulk_server_alloc_bytes_per_person"]);
        Assert.Equal(0, report["bulk_audit_commits_per_person"]);
    }

    [Fact]
    public void A_histogram_bucket_is_also_read_by_its_bound_summed_over_the_other_labels()
    {
        var reading = CounterReading.Parse("""
            x_seconds_bucket{project="a",le="0.002"} 7
            x_seconds_bucket{project="b",le="0.002"} 3
            x_seconds_bucket{project="a",le="0.005"} 9
            """);

        Assert.Equal(10, reading[CounterReading.Bucket("x_seconds_bucket", "0.002")]);
        Assert.Equal(9, reading[CounterReading.Bucket("x_seconds_bucket", "0.005")]);
        Assert.Null(reading[CounterReading.Bucket("x_seconds_bucket", "0.001")]);
    }

    [Fact]
    public void Query_stages_give_the_mean_time_per_query_and_the_share_over_2_ms()
    {
        var before = CounterReading.Parse("""
            aquila_list_query_stage_audit_duration_seconds_sum 1
            aquila_list_query_stage_audit_duration_seconds_count 100
            aquila_list_query_stage_audit_duration_seconds_bucket{le="0.002"} 90
            """);
        var after = CounterReading.Parse("""
            aquila_list_query_stage_audit_duration_seconds_sum 1.3
            aquila_list_query_stage_audit_duration_seconds_count 200
            aquila_list_query_stage_audit_duration_seconds_bucket{le="0.002"} 165
            """);
        var report = new LoadReport();

        QueryStageFigures.Add(report, before, after);

        Assert.Equal(3000, report["server_stage_audit_us_per_query"]!.Value, 6);
        Assert.Equal(0.25, report["server_stage_audit_over_2ms"]!.Value, 6);
        Assert.Null(report["server_stage_checks_us_per_query"]);
    }
}
