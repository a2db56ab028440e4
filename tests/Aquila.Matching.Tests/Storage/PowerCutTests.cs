using Aquila.Matching.Storage;

namespace Aquila.Matching.Tests.Storage;

public sealed class PowerCutTests
{
    // Appends without waiting, lets some finish, then cuts the power while others are still in flight.
    private static async Task<List<long>> AppendThenCutPowerAsync(WalTestLog test, WriteAheadLog log, int count, Random? torn = null)
    {
        var acknowledged = new List<long>();
        var pending = new List<Task<long>>();
        for (var i = 0; i < count; i++)
        {
            pending.Add(log.AppendAsync(5, WalTestLog.Payload(i), TestContext.Current.CancellationToken).AsTask());
            if (i == count / 2)
            {
                await Task.WhenAll(pending);
            }
        }

        test.Faults.SimulatePowerCut(torn);
        foreach (var task in pending)
        {
            if (task.IsCompletedSuccessfully)
            {
                acknowledged.Add(task.Result);
            }
        }

        await log.DisposeAsync();
        return acknowledged;
    }

    [Fact]
    public async Task Power_cut_loses_no_acknowledged_record()
    {
        var test = WalTestLog.InMemory(flushLatency: TimeSpan.FromMilliseconds(1));
        var log = await test.OpenAsync(segmentSize: 4096);

        var acknowledged = await AppendThenCutPowerAsync(test, log, 400);
        await using var reopened = await test.OpenAsync(segmentSize: 4096);
        var recovered = (await WalTestLog.ReadAllAsync(reopened)).Select(r => r.Lsn).ToHashSet();

        Assert.NotEmpty(acknowledged);
        Assert.All(acknowledged, lsn => Assert.Contains(lsn, recovered));
    }

    [Fact]
    public async Task Power_cut_with_torn_writes_leaves_a_clean_log_that_accepts_appends()
    {
        var test = WalTestLog.InMemory(flushLatency: TimeSpan.FromMilliseconds(1));
        var log = await test.OpenAsync(segmentSize: 4096);
        var acknowledged = await AppendThenCutPowerAsync(test, log, 400, new Random(1234));

        await using (var reopened = await test.OpenAsync(segmentSize: 4096))
        {
            await reopened.AppendAsync(6, new byte[] { 1 }, TestContext.Current.CancellationToken);
        }

        await using var again = await test.OpenAsync(segmentSize: 4096);
        var records = await WalTestLog.ReadAllAsync(again);
        var lsns = records.Select(r => r.Lsn).ToList();

        Assert.All(acknowledged, lsn => Assert.Contains(lsn, lsns));
        Assert.Equal(lsns.Order(), lsns);
        Assert.Equal(6, records[^1].Type);
    }

    [Fact]
    public async Task A_log_that_skips_the_flush_is_caught_by_the_power_cut_test()
    {
        // The same scenario as above with the flush switched off: acknowledged records vanish. This shows the power-cut
        // test can fail, i.e. that it really checks durability rather than what the page cache still holds.
        var test = WalTestLog.InMemory();
        var options = test.Options();
        options.SkipFlushForTesting = true;
        var log = await test.OpenAsync(options);
        for (var i = 0; i < 20; i++)
        {
            await log.AppendAsync(5, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
        }

        test.Faults.SimulatePowerCut();
        await log.DisposeAsync();
        await using var reopened = await test.OpenAsync();

        Assert.True((await WalTestLog.ReadAllAsync(reopened)).Count < 20);
    }

    [Fact]
    public async Task Every_acknowledged_batch_was_flushed_to_disk()
    {
        var test = WalTestLog.InMemory();
        await using var log = await test.OpenAsync();
        var flushesBefore = test.Faults.FlushCount;

        await log.AppendAsync(5, new byte[] { 1 }, TestContext.Current.CancellationToken);
        await log.AppendAsync(5, new byte[] { 2 }, TestContext.Current.CancellationToken);

        // Segment header flush + one flush per sequential append.
        Assert.Equal(3, test.Faults.FlushCount - flushesBefore);
    }

    [Fact]
    public async Task A_new_segment_is_durable_in_its_directory_before_records_go_in()
    {
        var test = WalTestLog.InMemory();
        var log = await test.OpenAsync();
        await log.AppendAsync(5, new byte[] { 1 }, TestContext.Current.CancellationToken);

        test.Faults.SimulatePowerCut();
        await log.DisposeAsync();

        Assert.True(test.FileSystem.FileExists(test.SegmentPath(1)));
        Assert.True(test.Faults.DirectoryFlushCount >= 1);
    }

    [Fact]
    public async Task A_flushed_file_whose_directory_entry_was_not_flushed_is_lost()
    {
        var test = WalTestLog.InMemory();
        var path = Path.Combine(test.Directory, "unlisted");
        using (var file = test.FileSystem.CreateFile(path))
        {
            file.Write(0, new byte[] { 1, 2, 3 });
            file.FlushToDisk();
        }

        test.Faults.SimulatePowerCut();

        Assert.False(test.FileSystem.FileExists(path));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Power_cut_before_any_append_leaves_an_empty_usable_log()
    {
        var test = WalTestLog.InMemory();
        var log = await test.OpenAsync();
        test.Faults.SimulatePowerCut();
        await log.DisposeAsync();

        await using var reopened = await test.OpenAsync();
        var lsn = await reopened.AppendAsync(1, new byte[] { 1 }, TestContext.Current.CancellationToken);

        Assert.Equal(1, lsn);
    }

    [Fact]
    public async Task A_torn_tail_cut_at_recovery_stays_cut_after_another_power_cut()
    {
        // If the cut were not flushed, the torn bytes would come back inside what is then a closed segment: a hard error.
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync())
        {
            await log.AppendAsync(1, new byte[] { 1 }, TestContext.Current.CancellationToken);
        }

        using (var file = test.FileSystem.OpenFile(test.SegmentPath(1), writable: true))
        {
            file.Write(file.Length, new byte[] { 40, 0, 0, 0, 9, 9 });
            file.FlushToDisk();
        }

        var second = await test.OpenAsync();
        await second.AppendAsync(2, new byte[] { 2 }, TestContext.Current.CancellationToken);
        test.Faults.SimulatePowerCut();
        await second.DisposeAsync();

        await using var third = await test.OpenAsync();
        Assert.Equal([(byte)1, (byte)2], (await WalTestLog.ReadAllAsync(third)).Select(r => r.Type));
    }
}
