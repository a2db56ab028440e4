using Aquila.Matching.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Matching.Tests.Storage;

public sealed class WriteAheadLogRecoveryTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "aquila-wal-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    private WalTestLog Physical() => new(PhysicalFileSystem.Instance, _directory);

    [Fact]
    public async Task Reopened_log_returns_exactly_the_appended_records_in_order()
    {
        var test = Physical();
        var expected = new List<(long Lsn, byte Type, byte[] Payload)>();
        await using (var log = await test.OpenAsync())
        {
            for (var i = 0; i < 50; i++)
            {
                var payload = WalTestLog.Payload(i);
                var lsn = await log.AppendAsync((byte)(i % 3), payload, TestContext.Current.CancellationToken);
                expected.Add((lsn, (byte)(i % 3), payload));
            }
        }

        await using var reopened = await test.OpenAsync();
        var records = await WalTestLog.ReadAllAsync(reopened);

        Assert.Equal(expected.Select(e => e.Lsn), records.Select(r => r.Lsn));
        Assert.Equal(expected.Select(e => e.Type), records.Select(r => r.Type));
        Assert.All(expected.Zip(records), pair => Assert.Equal(pair.First.Payload, pair.Second.Payload.ToArray()));
        Assert.Equal(expected[^1].Lsn, reopened.LastDurableLsn);
    }

    [Fact]
    public async Task Lsns_start_at_one_and_increase_by_one()
    {
        await using var log = await Physical().OpenAsync();

        var first = await log.AppendAsync(1, new byte[] { 1 }, TestContext.Current.CancellationToken);
        var second = await log.AppendAsync(1, new byte[] { 2 }, TestContext.Current.CancellationToken);

        Assert.Equal((1L, 2L), (first, second));
    }

    [Fact]
    public async Task Appends_after_a_reopen_continue_the_lsn_sequence()
    {
        var test = Physical();
        await using (var log = await test.OpenAsync())
        {
            await log.AppendAsync(1, new byte[] { 1 }, TestContext.Current.CancellationToken);
            await log.AppendAsync(1, new byte[] { 2 }, TestContext.Current.CancellationToken);
        }

        await using var reopened = await test.OpenAsync();
        var lsn = await reopened.AppendAsync(1, new byte[] { 3 }, TestContext.Current.CancellationToken);

        Assert.Equal(3, lsn);
        Assert.Equal([1L, 2L, 3L], (await WalTestLog.ReadAllAsync(reopened)).Select(r => r.Lsn));
    }

    [Fact]
    public async Task Records_spread_over_several_segments_are_all_recovered_in_order()
    {
        var test = Physical();
        await using (var log = await test.OpenAsync(segmentSize: 4096))
        {
            for (var i = 0; i < 300; i++)
            {
                await log.AppendAsync(7, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
            }
        }

        await using var reopened = await test.OpenAsync(segmentSize: 4096);
        var records = await WalTestLog.ReadAllAsync(reopened);

        Assert.True(test.SegmentNames().Count >= 3, $"expected a rollover, found {test.SegmentNames().Count} segment(s)");
        Assert.Equal(Enumerable.Range(1, 300).Select(i => (long)i), records.Select(r => r.Lsn));
        Assert.Equal(WalTestLog.Payload(299), records[^1].Payload.ToArray());
    }

    [Fact]
    public async Task Segments_stay_within_their_size_limit()
    {
        var test = Physical();
        await using (var log = await test.OpenAsync(segmentSize: 4096))
        {
            for (var i = 0; i < 300; i++)
            {
                await log.AppendAsync(7, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
            }
        }

        Assert.All(test.SegmentNames(), name => Assert.InRange(new FileInfo(Path.Combine(_directory, name)).Length, 52, 4096));
    }

    [Fact]
    public async Task Reading_from_an_lsn_skips_the_records_before_it()
    {
        var test = Physical();
        await using var log = await test.OpenAsync(segmentSize: 4096);
        for (var i = 0; i < 200; i++)
        {
            await log.AppendAsync(7, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
        }

        var records = await WalTestLog.ReadAllAsync(log, fromLsn: 150);

        Assert.Equal(Enumerable.Range(150, 51).Select(i => (long)i), records.Select(r => r.Lsn));
    }

    [Fact]
    public async Task Opening_with_a_different_data_key_fails_with_a_clear_error()
    {
        var test = Physical();
        await using (var log = await test.OpenAsync())
        {
            await log.AppendAsync(1, new byte[] { 1, 2, 3 }, TestContext.Current.CancellationToken);
        }

        var otherKey = new byte[32];
        otherKey[0] = 99;

        var error = await Assert.ThrowsAsync<WalDataKeyMismatchException>(() => test.OpenAsync(key: otherKey));
        Assert.Contains("data key does not match this log", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Data_key_of_the_wrong_length_is_refused()
    {
        var options = Physical().Options(key: new byte[16]);

        await Assert.ThrowsAsync<ArgumentException>(
            () => WriteAheadLog.OpenAsync(options, NullLogger<WriteAheadLog>.Instance, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Segment_files_do_not_contain_the_payload_in_clear()
    {
        var test = Physical();
        var canary = "KRASNIQI-CANARY-19840312"u8.ToArray();
        await using (var log = await test.OpenAsync())
        {
            await log.AppendAsync(1, canary, TestContext.Current.CancellationToken);
        }

        var bytes = await File.ReadAllBytesAsync(Path.Combine(_directory, test.SegmentNames()[0]), TestContext.Current.CancellationToken);

        Assert.True(bytes.AsSpan().IndexOf(canary) < 0);
    }

    [Fact]
    public async Task Directory_flush_on_a_real_directory_succeeds()
    {
        Directory.CreateDirectory(_directory);

        var error = Record.Exception(() => PhysicalFileSystem.Instance.FlushDirectory(_directory));

        Assert.Null(error);
        await Task.CompletedTask;
    }

    [Fact]
    public void Directory_flush_of_a_missing_directory_throws()
    {
        Assert.Throws<DirectoryNotFoundException>(() => PhysicalFileSystem.Instance.FlushDirectory(_directory));
    }
}
