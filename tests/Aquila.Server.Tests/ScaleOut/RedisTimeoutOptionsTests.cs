using Aquila.Server.Options;
using Aquila.Server.Projects;

namespace Aquila.Server.Tests.ScaleOut;

public sealed class RedisTimeoutOptionsTests
{
    [Fact]
    public void The_default_redis_timeouts_are_thirty_seconds_and_valid()
    {
        var redis = new RedisMatcherOptions();

        Assert.Equal(TimeSpan.FromSeconds(30), redis.SyncTimeout);
        Assert.Equal(TimeSpan.FromSeconds(30), redis.AsyncTimeout);
        Assert.Null(MatcherRedis.TimeoutProblem(redis));
    }

    [Theory]
    [InlineData(0, 30)]
    [InlineData(30, 0)]
    [InlineData(30, 601)]
    public void A_redis_timeout_outside_one_second_to_ten_minutes_is_refused_by_its_setting_name(int syncSeconds, int asyncSeconds)
    {
        var redis = new RedisMatcherOptions { SyncTimeout = TimeSpan.FromSeconds(syncSeconds), AsyncTimeout = TimeSpan.FromSeconds(asyncSeconds) };

        var problem = MatcherRedis.TimeoutProblem(redis);

        Assert.NotNull(problem);
        Assert.Contains(syncSeconds == 30 ? "Server:Matcher:Redis:AsyncTimeout" : "Server:Matcher:Redis:SyncTimeout", problem, StringComparison.Ordinal);
    }
}
