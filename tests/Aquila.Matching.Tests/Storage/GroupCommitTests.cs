namespace Aquila.Matching.Tests.Storage;

public sealed class GroupCommitTests
{
    private const int Appenders = 8;
    private const int RecordsEach = 200;

    private static async Task<long[]> AppendConcurrentlyAsync(Aquila.Matching.Storage.WriteAheadLog log)
    {
        var tasks = new Task<long[]>[Appenders];
        for (var a = 0; a < Appenders; a++)
        {
            var appender = a;
            tasks[a] = Task.Run(async () =>
            {
                var lsns = new long[RecordsEach];
                for (var i = 0; i < RecordsEach; i++)
                {
                    lsns[i] = await log.AppendAsync((byte)appender, WalTestLog.Payload(appender * RecordsEach + i), TestContext.Current.CancellationToken);
                }

                return lsns;
            }, TestContext.Current.CancellationToken);
        }

        return [.. (await Task.WhenAll(tasks)).SelectMany(l => l)];
    }

    [Fact]
    public async Task Concurrent_appenders_are_all_recovered_with_their_payloads()
    {
        var test = WalTestLog.InMemory(flushLatency: TimeSpan.FromMilliseconds(1));
        long[] lsns;
        await using (var log = await test.OpenAsync(segmentSize: 16 * 1024))
        {
            lsns = await AppendConcurrentlyAsync(log);
        }

        await using var reopened = await test.OpenAsync(segmentSize: 16 * 1024);
        var records = await WalTestLog.ReadAllAsync(reopened);

        Assert.Equal(Appenders * RecordsEach, records.Count);
        Assert.Equal(lsns.Order(), records.Select(r => r.Lsn));
        Assert.All(records, r => Assert.Equal(
            r.Type,
            BitConverter.ToInt32(r.Payload.Span) / RecordsEach));
    }

    [Fact]
    public async Task Concurrent_appenders_share_flushes()
    {
        var test = WalTestLog.InMemory(flushLatency: TimeSpan.FromMilliseconds(1));
        await using var log = await test.OpenAsync();

        await AppendConcurrentlyAsync(log);

        Assert.True(
            test.Faults.FlushCount < Appenders * RecordsEach / 3,
            $"{test.Faults.FlushCount} flushes for {Appenders * RecordsEach} records: appends are not grouped");
    }
}
