using System.Buffers.Binary;
using Aquila.Matching.Storage;

namespace Aquila.Matching.Tests.Storage;

/// <summary>
/// Damage in the last segment: refused when later records show the damaged one was already flushed (acknowledged),
/// cut as a torn tail when no later record says so, and segments of format version 1 keep the old rule.
/// </summary>
public sealed class AcknowledgedDamageTests
{
    private const int HeaderLength = 52;
    private const int RecordOverhead = 41;

    [Fact]
    public async Task A_byte_flipped_in_an_early_record_of_the_last_segment_is_refused_naming_the_segment_and_offset()
    {
        var test = WalTestLog.InMemory();
        await AppendOneByOneAsync(test, 20);
        var thirdRecord = HeaderLength + (2 * (RecordOverhead + 8));
        FlipByte(test, 1, thirdRecord + 30);

        var error = await Assert.ThrowsAsync<WalCorruptionException>(() => test.OpenAsync());

        Assert.Equal("segment-0000000001.wal", error.FileName);
        Assert.Equal(thirdRecord, error.Offset);
        Assert.Contains("acknowledged records are damaged", error.Message, StringComparison.Ordinal);
        Assert.Contains("restore the project directory from a backup", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_segment_is_left_as_it_was()
    {
        var test = WalTestLog.InMemory();
        await AppendOneByOneAsync(test, 20);
        FlipByte(test, 1, HeaderLength + 5);
        var before = test.Faults.ReadAllBytes(test.SegmentPath(1));

        await Assert.ThrowsAsync<WalCorruptionException>(() => test.OpenAsync());

        Assert.Equal(before, test.Faults.ReadAllBytes(test.SegmentPath(1)));
    }

    [Fact]
    public async Task A_byte_flipped_in_the_last_record_is_cut_as_a_torn_tail()
    {
        var test = WalTestLog.InMemory();
        await AppendOneByOneAsync(test, 20);
        FlipByte(test, 1, HeaderLength + (19 * (RecordOverhead + 8)) + 25);

        await using var reopened = await test.OpenAsync();

        Assert.Equal(19, (await WalTestLog.ReadAllAsync(reopened)).Count);
    }

    [Fact]
    public async Task Damage_that_no_later_record_vouches_for_is_cut_even_with_intact_records_after_it()
    {
        // Appends in flight together: their records were encoded before the flush of the group before them landed, so
        // they cannot say it was durable. Damage there looks like a crash that lost a middle sector of the last write.
        var test = WalTestLog.InMemory(flushLatency: TimeSpan.FromMilliseconds(5));
        await using (var log = await test.OpenAsync())
        {
            await Task.WhenAll(Enumerable.Range(0, 40).Select(i => log.AppendAsync(1, new byte[8], TestContext.Current.CancellationToken).AsTask()));
        }

        var (starts, highestClaim) = ReadRecordStarts(test.Faults.ReadAllBytes(test.SegmentPath(1)));
        var damaged = starts.FindIndex(start => start >= highestClaim);
        Assert.True(damaged < starts.Count - 1, "intact records follow the damaged one");
        FlipByte(test, 1, starts[damaged] + 30);

        await using var reopened = await test.OpenAsync();

        Assert.Equal(damaged, (await WalTestLog.ReadAllAsync(reopened)).Count);
    }

    [Fact]
    public async Task A_damaged_header_followed_by_records_is_refused()
    {
        var test = WalTestLog.InMemory();
        await AppendOneByOneAsync(test, 3);
        FlipByte(test, 1, 20);

        var error = await Assert.ThrowsAsync<WalCorruptionException>(() => test.OpenAsync());

        Assert.Equal(0, error.Offset);
        Assert.Contains("damaged header followed by records", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_version_1_segment_still_opens_and_new_records_go_to_a_version_2_segment()
    {
        var test = WalTestLog.InMemory();
        WriteVersion1Segment(test, records: 5);

        await using (var log = await test.OpenAsync())
        {
            Assert.Equal([1L, 2, 3, 4, 5], (await WalTestLog.ReadAllAsync(log)).Select(r => r.Lsn));
            await log.AppendAsync(2, new byte[] { 9 }, TestContext.Current.CancellationToken);
        }

        await using var reopened = await test.OpenAsync();
        var records = await WalTestLog.ReadAllAsync(reopened);

        Assert.Equal([1L, 2, 3, 4, 5, 6], records.Select(r => r.Lsn));
        Assert.Equal([(byte)4, 4, 4, 4], records[3].Payload.ToArray());
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32LittleEndian(test.Faults.ReadAllBytes(test.SegmentPath(2)).AsSpan(8)));
    }

    [Fact]
    public async Task A_version_1_last_segment_with_an_early_damaged_record_is_cut_there_as_before()
    {
        var test = WalTestLog.InMemory();
        WriteVersion1Segment(test, records: 5);
        FlipByte(test, 1, HeaderLength + (33 + 3) + 20);

        await using var log = await test.OpenAsync();

        Assert.Equal([1L], (await WalTestLog.ReadAllAsync(log)).Select(r => r.Lsn));
    }

    private static async Task AppendOneByOneAsync(WalTestLog test, int count)
    {
        await using var log = await test.OpenAsync();
        for (var i = 0; i < count; i++)
        {
            await log.AppendAsync(1, new byte[8], TestContext.Current.CancellationToken);
        }
    }

    private static void FlipByte(WalTestLog test, long segment, long offset)
    {
        using var file = test.FileSystem.OpenFile(test.SegmentPath(segment), writable: true);
        var one = new byte[1];
        file.Read(offset, one);
        one[0] ^= 0x10;
        file.Write(offset, one);
    }

    private static (List<long> Starts, long HighestClaim) ReadRecordStarts(byte[] segment)
    {
        var starts = new List<long>();
        var highestClaim = 0L;
        for (var start = HeaderLength; start < segment.Length; start += RecordOverhead + (int)BinaryPrimitives.ReadUInt32LittleEndian(segment.AsSpan(start)))
        {
            starts.Add(start);
            highestClaim = Math.Max(highestClaim, BinaryPrimitives.ReadInt64LittleEndian(segment.AsSpan(start + 13)));
        }

        return (starts, highestClaim);
    }

    // A segment as logs before the durable end wrote it: header version 1, 13-byte record headers; record i holds i bytes of i.
    private static void WriteVersion1Segment(WalTestLog test, int records)
    {
        using var keys = new WalKeys(WalTestLog.DataKey);
        using var cipher = keys.CreateRecordCipher();
        const uint Salt = 0x5EED;
        var bytes = new byte[HeaderLength];
        new WalSegmentHeader(Salt, 1, 1, WalSegmentHeader.FormatVersionWithoutDurableEnd).Write(bytes, keys.KeyCheck);
        for (var lsn = 1; lsn <= records; lsn++)
        {
            var payload = Enumerable.Repeat((byte)lsn, lsn).ToArray();
            var record = new byte[WalRecordCodec.RecordLength(WalRecordCodec.HeaderLengthV1, payload.Length)];
            WalRecordCodec.Encode(record, WalRecordCodec.HeaderLengthV1, cipher, Salt, 1, lsn, durableEnd: 0, payload);
            bytes = [.. bytes, .. record];
        }

        using var file = test.FileSystem.CreateFile(test.SegmentPath(1));
        file.Write(0, bytes);
        file.FlushToDisk();
        test.FileSystem.FlushDirectory(test.Directory);
    }
}
