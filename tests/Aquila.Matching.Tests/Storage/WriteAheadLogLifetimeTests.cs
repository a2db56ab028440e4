namespace Aquila.Matching.Tests.Storage;

public sealed class WriteAheadLogLifetimeTests
{
    [Fact]
    public async Task Disposal_writes_every_queued_append_before_returning()
    {
        var test = WalTestLog.InMemory(flushLatency: TimeSpan.FromMilliseconds(2));
        var log = await test.OpenAsync();
        var pending = Enumerable.Range(0, 50)
            .Select(i => log.AppendAsync(1, WalTestLog.Payload(i), TestContext.Current.CancellationToken).AsTask())
            .ToList();

        await log.DisposeAsync();
        test.Faults.SimulatePowerCut();

        await Task.WhenAll(pending);
        await using var reopened = await test.OpenAsync();
        Assert.Equal(50, (await WalTestLog.ReadAllAsync(reopened)).Count);
    }

    [Fact]
    public async Task Append_after_disposal_throws_object_disposed()
    {
        var log = await WalTestLog.InMemory().OpenAsync();
        await log.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await log.AppendAsync(1, new byte[] { 1 }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Append_with_a_cancelled_token_is_not_queued()
    {
        await using var log = await WalTestLog.InMemory().OpenAsync();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await log.AppendAsync(1, new byte[] { 1 }, cancelled.Token));
        Assert.Equal(0, log.LastDurableLsn);
    }

    [Fact]
    public async Task Reading_while_appending_sees_a_gapless_prefix_in_order()
    {
        var test = WalTestLog.InMemory();
        await using var log = await test.OpenAsync(segmentSize: 4096);
        var writer = Task.Run(async () =>
        {
            for (var i = 0; i < 500; i++)
            {
                await log.AppendAsync(1, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
            }
        }, TestContext.Current.CancellationToken);

        var reads = new List<List<long>>();
        while (!writer.IsCompleted)
        {
            reads.Add([.. (await WalTestLog.ReadAllAsync(log)).Select(r => r.Lsn)]);
        }

        await writer;
        Assert.All(reads, lsns => Assert.Equal(Enumerable.Range(1, lsns.Count).Select(i => (long)i), lsns));
    }

    [Fact]
    public async Task Empty_payload_round_trips()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync())
        {
            await log.AppendAsync(9, ReadOnlyMemory<byte>.Empty, TestContext.Current.CancellationToken);
        }

        await using var reopened = await test.OpenAsync();
        var record = Assert.Single(await WalTestLog.ReadAllAsync(reopened));

        Assert.Equal((9, 0), (record.Type, record.Payload.Length));
    }
}
