namespace Aquila.Bench.Tests;

public class QueryBenchOptionsTests
{
    [Fact]
    public void A_negative_warm_up_is_refused()
    {
        var options = new QueryBenchOptions { WarmupQueries = -1 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(QueryBenchOptions.WarmupQueries), error.ParamName);
    }

    [Fact]
    public void No_warm_up_is_allowed()
    {
        var options = new QueryBenchOptions { WarmupQueries = 0 };

        var error = Record.Exception(options.Validate);

        Assert.Null(error);
    }

    [Fact]
    public void By_default_the_server_runs_in_the_load_driver_s_process_after_a_warm_up()
    {
        var options = new QueryBenchOptions();

        Assert.Null(options.ServerCommand);
        Assert.True(options.WarmupQueries > 0);
    }

    [Fact]
    public void A_negative_rate_is_refused()
    {
        var options = new QueryBenchOptions { Rate = -1 };

        var error = Assert.Throws<ArgumentOutOfRangeException>(options.Validate);

        Assert.Equal(nameof(QueryBenchOptions.Rate), error.ParamName);
    }

    [Fact]
    public async Task An_open_loop_run_paces_the_queries_at_the_offered_rate_and_reports_it()
    {
        var options = new QueryBenchOptions { Entries = 200, Queries = 300, WarmupQueries = 0, Rate = 500, Concurrency = 8, RunRedis = false };
        var clock = System.Diagnostics.Stopwatch.StartNew();

        var report = await QueryBench.RunAsync(options, _ => { }, TestContext.Current.CancellationToken);

        Assert.Equal(500, report["rate_target"]!.Value);
        Assert.NotNull(report["late_sends"]);
        Assert.InRange(report["hits"]!.Value, 1, 299);
        // 300 queries due at q/500 s: the last is due 0.6 s after the first, however fast the answers come.
        Assert.True(clock.Elapsed >= TimeSpan.FromSeconds(0.598));
    }
}
