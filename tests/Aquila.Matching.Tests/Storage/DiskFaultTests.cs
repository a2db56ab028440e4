using Aquila.Matching.Storage;

namespace Aquila.Matching.Tests.Storage;

public sealed class DiskFaultTests
{
    [Fact]
    public async Task Disk_full_on_append_gives_the_appender_an_io_exception()
    {
        var test = WalTestLog.InMemory();
        await using var log = await test.OpenAsync();
        await log.AppendAsync(1, new byte[] { 1 }, TestContext.Current.CancellationToken);
        test.Faults.FailNextWrites(1);

        await Assert.ThrowsAsync<IOException>(async () => await log.AppendAsync(1, new byte[100], TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Log_stays_usable_after_disk_full_and_holds_only_the_successful_records_after_reopen()
    {
        var test = WalTestLog.InMemory();
        long first;
        long third;
        await using (var log = await test.OpenAsync())
        {
            first = await log.AppendAsync(1, new byte[] { 1 }, TestContext.Current.CancellationToken);
            test.Faults.FailNextWrites(1);
            await Assert.ThrowsAsync<IOException>(async () => await log.AppendAsync(2, new byte[100], TestContext.Current.CancellationToken));
            third = await log.AppendAsync(3, new byte[] { 3 }, TestContext.Current.CancellationToken);
        }

        await using var reopened = await test.OpenAsync();
        var records = await WalTestLog.ReadAllAsync(reopened);

        Assert.Equal([(first, (byte)1), (third, (byte)3)], records.Select(r => (r.Lsn, r.Type)));
    }

    [Fact]
    public async Task Disk_full_while_starting_a_segment_is_retried_by_the_next_append()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync())
        {
            test.Faults.FailNextWrites(1);
            await Assert.ThrowsAsync<IOException>(async () => await log.AppendAsync(1, new byte[] { 1 }, TestContext.Current.CancellationToken));
            await log.AppendAsync(2, new byte[] { 2 }, TestContext.Current.CancellationToken);
        }

        await using var reopened = await test.OpenAsync();

        Assert.Equal([(byte)2], (await WalTestLog.ReadAllAsync(reopened)).Select(r => r.Type));
    }

    [Fact]
    public async Task Failed_flush_stops_the_log_until_it_is_reopened()
    {
        var test = WalTestLog.InMemory();
        var log = await test.OpenAsync();
        await log.AppendAsync(1, new byte[] { 1 }, TestContext.Current.CancellationToken);
        test.Faults.FailNextFlushes(1);
        await Assert.ThrowsAsync<IOException>(async () => await log.AppendAsync(2, new byte[] { 2 }, TestContext.Current.CancellationToken));

        var error = await Assert.ThrowsAsync<IOException>(async () => await log.AppendAsync(3, new byte[] { 3 }, TestContext.Current.CancellationToken));
        await log.DisposeAsync();
        await using var reopened = await test.OpenAsync();
        var lsn = await reopened.AppendAsync(4, new byte[] { 4 }, TestContext.Current.CancellationToken);

        Assert.Contains("open it again", error.Message, StringComparison.Ordinal);
        Assert.True(lsn > 1);
    }

    [Fact]
    public async Task Read_only_file_system_fails_appends_with_an_io_exception()
    {
        var test = WalTestLog.InMemory();
        await using var log = await test.OpenAsync();
        test.Faults.IsReadOnly = true;

        await Assert.ThrowsAsync<IOException>(async () => await log.AppendAsync(1, new byte[] { 1 }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Corruption_inside_a_closed_segment_is_a_hard_error_naming_segment_and_offset()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync(segmentSize: 4096))
        {
            for (var i = 0; i < 300; i++)
            {
                await log.AppendAsync(1, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
            }
        }

        const int damagedOffset = 52 + 10;
        using (var file = test.FileSystem.OpenFile(test.SegmentPath(1), writable: true))
        {
            file.Write(damagedOffset, new byte[] { 0xFF, 0xFF, 0xFF });
        }

        var error = await Assert.ThrowsAsync<WalCorruptionException>(() => test.OpenAsync(segmentSize: 4096));

        Assert.Equal("segment-0000000001.wal", error.FileName);
        Assert.Equal(52, error.Offset);
        Assert.Contains("segment-0000000001.wal", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_segment_between_others_is_a_hard_error()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync(segmentSize: 4096))
        {
            for (var i = 0; i < 300; i++)
            {
                await log.AppendAsync(1, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
            }
        }

        test.FileSystem.DeleteFile(test.SegmentPath(2));

        var error = await Assert.ThrowsAsync<WalCorruptionException>(() => test.OpenAsync(segmentSize: 4096));
        Assert.Equal("segment-0000000002.wal", error.FileName);
    }

    [Fact]
    public async Task A_record_altered_with_a_recomputed_checksum_fails_authentication()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync())
        {
            await log.AppendAsync(1, new byte[] { 1, 2, 3, 4 }, TestContext.Current.CancellationToken);
        }

        var bytes = test.Faults.ReadAllBytes(test.SegmentPath(1));
        var record = bytes.AsSpan(52);
        record[21] ^= 1; // first ciphertext byte
        System.Buffers.Binary.BinaryPrimitives.WriteUInt32LittleEndian(record[(21 + 4 + 16)..], WalRecordCodec.Checksum(record[..(21 + 4 + 16)]));
        using (var file = test.FileSystem.OpenFile(test.SegmentPath(1), writable: true))
        {
            file.Write(0, bytes);
        }

        var error = await Assert.ThrowsAsync<WalCorruptionException>(() => test.OpenAsync());
        Assert.Contains("authentication", error.Message, StringComparison.Ordinal);
    }
}
