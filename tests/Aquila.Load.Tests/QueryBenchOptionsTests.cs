namespace Aquila.Load.Tests;

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
}
