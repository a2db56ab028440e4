namespace Aquila.Matching.Tests.Storage;

public sealed class TornTailTests
{
    [Fact]
    public async Task A_last_segment_with_a_torn_header_is_removed_and_the_log_opens()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync(segmentSize: 4096))
        {
            for (var i = 0; i < 150; i++)
            {
                await log.AppendAsync(1, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
            }
        }

        var last = test.SegmentNames()[^1];
        using (var file = test.FileSystem.OpenFile(Path.Combine(test.Directory, last), writable: true))
        {
            file.SetLength(30);
        }

        await using var reopened = await test.OpenAsync(segmentSize: 4096);
        var records = await WalTestLog.ReadAllAsync(reopened);

        Assert.DoesNotContain(last, test.SegmentNames());
        Assert.Equal(Enumerable.Range(1, records.Count).Select(i => (long)i), records.Select(r => r.Lsn));
        Assert.InRange(records.Count, 1, 149);
    }

    [Fact]
    public async Task A_torn_tail_in_the_last_of_several_segments_keeps_all_earlier_segments()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync(segmentSize: 4096))
        {
            for (var i = 0; i < 300; i++)
            {
                await log.AppendAsync(1, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
            }
        }

        var segments = test.SegmentNames();
        using (var file = test.FileSystem.OpenFile(Path.Combine(test.Directory, segments[^1]), writable: true))
        {
            file.SetLength(file.Length - 3);
        }

        await using var reopened = await test.OpenAsync(segmentSize: 4096);
        var records = await WalTestLog.ReadAllAsync(reopened);

        Assert.Equal(Enumerable.Range(1, 299).Select(i => (long)i), records.Select(r => r.Lsn));
        Assert.Equal(segments, test.SegmentNames());
    }
}
