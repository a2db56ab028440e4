using Aquila.Bench.Soak;

namespace Aquila.Bench.Tests;

public class SoakVerdictTests
{
    [Fact]
    public void Memory_growth_is_the_slope_of_rss_over_the_second_half_in_mib_per_hour()
    {
        // First half flat at 500 MiB (warm-up noise ignored), second half grows 1 MiB per 60 s = 60 MiB/h.
        var samples = new List<SoakSample>();
        for (var t = 60; t <= 600; t += 60)
        {
            var rss = t <= 300 ? 500 + (t % 120 == 0 ? 40 : 0) : 500 + ((t - 300) / 60.0);
            samples.Add(Sample(t, (long)(rss * 1048576), acked: 10, p50: 5, p99: 9));
        }

        var verdict = SoakVerdict.Of(samples);

        Assert.Equal(60, verdict.MemoryGrowthMiBPerHour, 3);
    }

    [Fact]
    public void One_error_in_any_sample_fails_the_run()
    {
        var samples = new List<SoakSample> { Sample(30, 1 << 20, 10, 5, 9), Sample(60, 1 << 20, 10, 5, 9, errors: 1) };

        var verdict = SoakVerdict.Of(samples);

        Assert.False(verdict.Passed);
        Assert.Equal(1, verdict.Errors);
        Assert.Contains("verdict: FAIL", verdict.Lines());
    }

    [Fact]
    public void Latency_drift_compares_the_mean_p99_of_the_second_half_with_the_first()
    {
        var samples = new List<SoakSample> { Sample(30, 1, 10, 5, 10), Sample(60, 1, 10, 5, 10), Sample(90, 1, 10, 6, 20), Sample(120, 1, 10, 6, 20) };

        var verdict = SoakVerdict.Of(samples);

        Assert.Equal(2.0, verdict.P99Drift, 6);
        Assert.True(verdict.Passed);
    }

    [Fact]
    public void A_run_that_acknowledged_no_batch_does_not_pass()
    {
        Assert.False(SoakVerdict.Of([Sample(30, 1, 0, 0, 0)]).Passed);
    }

    private static SoakSample Sample(double t, long rss, long acked, double p50, double p99, long errors = 0) => new()
    {
        ElapsedSeconds = t,
        RssBytes = rss,
        GcHeapBytes = 1,
        BatchesAcked = acked,
        BatchesAckedTotal = acked,
        TokensPerSecond = acked,
        AckP50Ms = p50,
        AckP99Ms = p99,
        HitEvents = 0,
        StatusQueries = 0,
        Errors = errors == 0 ? new Dictionary<string, long>() : new Dictionary<string, long> { ["Unavailable"] = errors },
        OpenProjects = 1,
        PurgedProjects = 0,
    };
}
