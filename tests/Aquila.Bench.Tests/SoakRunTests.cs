using Aquila.Bench.Soak;

namespace Aquila.Bench.Tests;

public class SoakRunTests
{
    [Fact]
    public async Task A_twenty_second_soak_samples_every_five_seconds_rotates_projects_and_passes_without_errors()
    {
        var options = new SoakOptions
        {
            Duration = TimeSpan.FromSeconds(20),
            SampleInterval = TimeSpan.FromSeconds(5),
            ProjectLifetime = TimeSpan.FromSeconds(6),
            Parties = 3,
            RecordsPerBatch = 200,
            RecordsPerSecondPerParty = 400,
        };

        var report = await SoakRun.RunAsync(options, _ => { }, null, TestContext.Current.CancellationToken);

        Assert.InRange(report.Samples.Count, 4, 5);
        Assert.All(report.Samples, s => Assert.True(s.RssBytes > 0 && s.GcHeapBytes > 0));
        Assert.All(report.Samples, s => Assert.Empty(s.Errors));
        Assert.True(report.Samples[^1].BatchesAckedTotal >= 20, $"only {report.Samples[^1].BatchesAckedTotal} batches acknowledged");
        Assert.Contains(report.Samples, s => s.TokensPerSecond > 0 && s.AckP50Ms > 0 && s.AckP99Ms >= s.AckP50Ms);
        Assert.Contains(report.Samples, s => s.HitEvents > 0);
        Assert.Contains(report.Samples, s => s.PurgedProjects >= 1);
        Assert.All(report.Samples, s => Assert.InRange(s.OpenProjects, 1, 3));
        Assert.True(report.Verdict.Passed);
        Assert.Contains("verdict: PASS", report.Verdict.Lines());
    }
}
