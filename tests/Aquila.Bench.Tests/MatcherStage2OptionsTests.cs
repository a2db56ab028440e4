namespace Aquila.Bench.Tests;

public class MatcherStage2OptionsTests
{
    [Fact]
    public void A_backlog_cap_without_the_matcher_run_is_refused()
    {
        var options = new LoadOptions { Stage2 = true, MatcherStage2BacklogRecords = 500_000 };

        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Contains("--matcher-stage2-backlog needs --matcher-stage2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_backlog_cap_below_one_record_is_refused_and_the_server_default_passes()
    {
        var zero = new LoadOptions { Stage2 = true, MatcherStage2 = true, MatcherStage2BacklogRecords = 0 };
        var serverDefault = new LoadOptions { Stage2 = true, MatcherStage2 = true, MatcherStage2BacklogRecords = 500_000 };

        Assert.Throws<ArgumentException>(zero.Validate);
        Assert.Null(Record.Exception(serverDefault.Validate));
    }
}
