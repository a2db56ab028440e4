using System.Globalization;
using Aquila.Coordination.Audit;
using Aquila.Server.Authentication;
using Aquila.Server.Options;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Server.Tests;

/// <summary>The digest alone, on a real chain: the rate limit on distinct refusals, and that no refusal is lost to it.</summary>
public class RefusalDigestTests
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Distinct_refusals_beyond_the_limit_are_counted_in_one_alert_and_every_refusal_is_in_a_count()
    {
        using var directory = new TempDirectory();
        await using var chain = await AuditChain.OpenAsync(new AuditChainOptions { DatabasePath = directory.File("audit.db") },
            NullLogger<AuditChain>.Instance, Cancel);
        var digest = new RefusalDigest(new ServerAudit(chain),
            new RefusalAuditOptions { Interval = TimeSpan.FromHours(1), MaxDistinctPerInterval = 3 }, TimeProvider.System,
            NullLogger<RefusalDigest>.Instance);
        var firsts = 0;

        for (var source = 0; source < 50; source++)
        {
            for (var repeat = 0; repeat < 4; repeat++)
            {
                firsts += await digest.RecordAsync(Refusal(source), Cancel) ? 1 : 0;
            }
        }

        await digest.DisposeAsync();
        var entries = await chain.ReadAsync(1, 1000, Cancel);

        Assert.Equal(3, firsts);
        Assert.Equal(3 + 3 + 1, entries.Count); // three firsts, their three summaries, one alert for the other 47 sources
        Assert.Equal(200, entries.Sum(e => long.Parse(e.Details["count"], CultureInfo.InvariantCulture)));
        var alert = Assert.Single(entries, e => e.Kind == AuditKind.Alert);
        Assert.Equal("47", alert.Details["distinct"]);
        Assert.True((await chain.VerifyAsync(null, Cancel)).IsValid);
    }

    private static Refusal Refusal(int source) =>
        new("10.0.0." + source.ToString(CultureInfo.InvariantCulture), AuditKind.AuthFailed, "Missing: no certificate",
            AuditActor.Anonymous, ServerAudit.Details(("reason", "no certificate")), "unauthenticated, Missing");
}
