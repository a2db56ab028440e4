using Aquila.Server.Application;
using Grpc.Core;
using Microsoft.Extensions.Hosting;

namespace Aquila.Server.Tests.Application;

/// <summary>The one follow/page/shutdown loop behind WatchHits and WatchListHits, on a source in memory.</summary>
public sealed class HitFeedTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Without_follow_the_feed_writes_every_entry_after_the_cursor_in_pages_and_ends()
    {
        var source = new MemorySource(Enumerable.Range(1, HitFeed.PageSize + 10).Select(i => (long)i));
        var written = new List<long>();

        await new HitFeed(new Lifetime()).RunAsync(source, afterSequence: 5, follow: false, (e, _) => Add(written, e), Cancel);

        Assert.Equal(Enumerable.Range(6, HitFeed.PageSize + 5).Select(i => (long)i), written);
        Assert.Equal(2, source.Reads);
    }

    [Fact]
    public async Task A_cursor_moves_past_entries_the_source_skipped()
    {
        var source = new MemorySource([2, 3]) { ScannedThrough = 9 };
        var written = new List<long>();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        source.Waited = after =>
        {
            Assert.Equal(9, after);
            stop.Cancel();
        };

        await new HitFeed(new Lifetime()).RunAsync(source, 0, follow: true, (e, _) => Add(written, e), stop.Token);

        Assert.Equal([2, 3], written);
    }

    [Fact]
    public async Task A_follower_is_told_to_follow_again_when_the_server_stops()
    {
        var lifetime = new Lifetime();
        var source = new MemorySource([1]) { Waited = _ => lifetime.Stop() };

        var ended = await Assert.ThrowsAsync<RpcException>(() =>
            new HitFeed(lifetime).RunAsync(source, 0, follow: true, (_, _) => Task.CompletedTask, Cancel));

        Assert.Equal(StatusCode.Unavailable, ended.StatusCode);
        Assert.Equal(MemorySource.Stopped, ended.Status.Detail);
    }

    private static Task Add(List<long> written, long entry)
    {
        written.Add(entry);
        return Task.CompletedTask;
    }

    private sealed class MemorySource(IEnumerable<long> entries) : IHitFeedSource<long>
    {
        public const string Stopped = "stopped; follow again";
        private readonly List<long> _entries = [.. entries];

        public int Reads { get; private set; }

        public long ScannedThrough { get; init; }

        public Action<long>? Waited { get; set; }

        public string StoppedMessage => Stopped;

        public ValueTask<FeedPage<long>> ReadAsync(long afterSequence, int max, CancellationToken cancellationToken)
        {
            Reads++;
            var page = _entries.Where(e => e > afterSequence).Take(max).ToList();
            return ValueTask.FromResult(new FeedPage<long>(page, Math.Max(afterSequence, ScannedThrough)));
        }

        public async Task WaitAsync(long afterSequence, CancellationToken cancellationToken)
        {
            Waited?.Invoke(afterSequence);
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }

        public long SequenceOf(long item) => item;

        public bool IsStopped(Exception exception, bool serverStopping) => exception is OperationCanceledException && serverStopping;
    }

    private sealed class Lifetime : IHostApplicationLifetime
    {
        private readonly CancellationTokenSource _stopping = new();

        public CancellationToken ApplicationStarted => CancellationToken.None;

        public CancellationToken ApplicationStopping => _stopping.Token;

        public CancellationToken ApplicationStopped => CancellationToken.None;

        public void Stop() => _stopping.Cancel();

        public void StopApplication() => Stop();
    }
}
