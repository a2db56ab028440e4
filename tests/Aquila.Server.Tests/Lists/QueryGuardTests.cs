using Aquila.Server.Lists;
using Aquila.Server.Options;

namespace Aquila.Server.Tests.Lists;

/// <summary>The pieces that guard list queries: scanning alerts, nonces, daily token quotas.</summary>
public class QueryGuardTests
{
    private sealed class Clock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static byte[] Tokens(params int[] values)
    {
        var entries = new byte[values.Length * 17];
        for (var i = 0; i < values.Length; i++)
        {
            entries[i * 17] = (byte)(i % 3);
            BitConverter.TryWriteBytes(entries.AsSpan((i * 17) + 1), values[i]);
        }

        return entries;
    }

    [Fact]
    public void Many_near_identical_queries_in_the_window_raise_one_alert()
    {
        var clock = new Clock(DateTimeOffset.UnixEpoch.AddDays(20000));
        var detector = new ScanningDetector(clock, new ListQueryOptions { ScanningQueries = 5 });
        var alerts = new List<int>();

        for (var i = 0; i < 12; i++)
        {
            // Two tokens stay, one varies: a walk through dates of birth around one person.
            alerts.Add(detector.Observe("l", "RS", Tokens(1, 2, 100 + i)));
            clock.Now = clock.Now.AddSeconds(5);
        }

        Assert.Equal(1, alerts.Count(a => a > 0));
        Assert.Equal(6, alerts.First(a => a > 0));
    }

    [Fact]
    public void Different_persons_raise_no_alert()
    {
        var clock = new Clock(DateTimeOffset.UnixEpoch.AddDays(20000));
        var detector = new ScanningDetector(clock, new ListQueryOptions { ScanningQueries = 5 });

        var alerts = Enumerable.Range(0, 30).Select(i => detector.Observe("l", "RS", Tokens(i * 10, (i * 10) + 1, (i * 10) + 2))).ToList();

        Assert.All(alerts, a => Assert.Equal(0, a));
    }

    [Fact]
    public void Near_identical_queries_spread_wider_than_the_window_raise_no_alert()
    {
        var clock = new Clock(DateTimeOffset.UnixEpoch.AddDays(20000));
        var detector = new ScanningDetector(clock, new ListQueryOptions { ScanningQueries = 5, ScanningWindow = TimeSpan.FromMinutes(10) });
        var alerts = new List<int>();

        for (var i = 0; i < 20; i++)
        {
            alerts.Add(detector.Observe("l", "RS", Tokens(1, 2, 100 + i)));
            clock.Now = clock.Now.AddMinutes(3);
        }

        Assert.All(alerts, a => Assert.Equal(0, a));
    }

    [Fact]
    public async Task A_nonce_is_accepted_once_per_party()
    {
        var nonces = new InMemoryQueryNonces(TimeProvider.System, TimeSpan.FromMinutes(5));
        var nonce = new byte[16];
        nonce[3] = 9;

        Assert.True(await nonces.TryUseAsync("RS", nonce));
        Assert.False(await nonces.TryUseAsync("RS", nonce));
        Assert.True(await nonces.TryUseAsync("BA", nonce));
    }

    [Fact]
    public async Task The_quota_counts_tokens_per_party_and_renews_the_next_day()
    {
        var clock = new Clock(new DateTimeOffset(2026, 11, 25, 23, 0, 0, TimeSpan.Zero));
        var quotas = new InMemoryQueryQuotas(clock);

        var first = (await quotas.TryConsumeAsync("l", "RS", 8, 10)).Counted;
        var (over, used) = await quotas.TryConsumeAsync("l", "RS", 3, 10);
        var other = (await quotas.TryConsumeAsync("l", "BA", 10, 10)).Counted;
        clock.Now = clock.Now.AddHours(2);
        var nextDay = (await quotas.TryConsumeAsync("l", "RS", 10, 10)).Counted;

        Assert.True(first);
        Assert.False(over);
        Assert.Equal(8, used);
        Assert.True(other);
        Assert.True(nextDay);
    }
}
