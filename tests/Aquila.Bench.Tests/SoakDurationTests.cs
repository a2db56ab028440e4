using Aquila.Bench.Soak;

namespace Aquila.Bench.Tests;

public class SoakDurationTests
{
    [Theory]
    [InlineData("90s", 90)]
    [InlineData("1h", 3600)]
    [InlineData("1h30m", 5400)]
    [InlineData("20m", 1200)]
    [InlineData("500ms", 0.5)]
    [InlineData("01:00:00", 3600)]
    public void Durations_parse_as_people_type_them(string text, double seconds)
    {
        Assert.True(SoakDuration.TryParse(text, out var duration));
        Assert.Equal(seconds, duration.TotalSeconds, 6);
    }

    [Theory]
    [InlineData("")]
    [InlineData("soon")]
    [InlineData("10")]
    [InlineData("5d")]
    [InlineData("0s")]
    public void Text_that_is_not_a_positive_duration_is_refused(string text)
    {
        Assert.False(SoakDuration.TryParse(text, out _));
    }
}
