using Aquila.Matching.Storage;

namespace Aquila.Matching.Tests.Storage;

public sealed class WalSnapshotTests
{
    private static async Task AppendAsync(WriteAheadLog log, int from, int count)
    {
        for (var i = from; i < from + count; i++)
        {
            await log.AppendAsync(2, WalTestLog.Payload(i), TestContext.Current.CancellationToken);
        }
    }

    [Fact]
    public async Task Recovery_returns_the_snapshot_and_replays_only_later_records()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync(segmentSize: 4096))
        {
            await AppendAsync(log, 0, 100);
            await log.WriteSnapshotAsync(100, new byte[] { 0xAB, 0xCD }, TestContext.Current.CancellationToken);
            await AppendAsync(log, 100, 20);
        }

        await using var reopened = await test.OpenAsync(segmentSize: 4096);
        var snapshot = reopened.RecoveredSnapshot;
        var records = await WalTestLog.ReadAllAsync(reopened, snapshot!.Lsn + 1);

        Assert.Equal(100, snapshot.Lsn);
        Assert.Equal(new byte[] { 0xAB, 0xCD }, snapshot.Payload.ToArray());
        Assert.Equal(Enumerable.Range(101, 20).Select(i => (long)i), records.Select(r => r.Lsn));
    }

    [Fact]
    public async Task Snapshot_deletes_the_segments_it_covers_but_not_the_active_one()
    {
        var test = WalTestLog.InMemory();
        await using var log = await test.OpenAsync(segmentSize: 4096);
        await AppendAsync(log, 0, 300);
        var before = test.SegmentNames().Count;

        await log.WriteSnapshotAsync(300, new byte[] { 1 }, TestContext.Current.CancellationToken);

        Assert.True(before >= 3);
        Assert.Equal([test.SegmentNames()[^1]], test.SegmentNames());
    }

    [Fact]
    public async Task Snapshot_survives_a_power_cut_once_written()
    {
        var test = WalTestLog.InMemory();
        var log = await test.OpenAsync(segmentSize: 4096);
        await AppendAsync(log, 0, 300);
        await log.WriteSnapshotAsync(250, new byte[] { 9, 9 }, TestContext.Current.CancellationToken);

        test.Faults.SimulatePowerCut();
        await using var reopened = await test.OpenAsync(segmentSize: 4096);

        Assert.Equal(250, reopened.RecoveredSnapshot?.Lsn);
        Assert.Equal(Enumerable.Range(251, 50).Select(i => (long)i), (await WalTestLog.ReadAllAsync(reopened, 251)).Select(r => r.Lsn));
    }

    [Fact]
    public async Task A_newer_snapshot_replaces_the_older_one()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync())
        {
            await AppendAsync(log, 0, 10);
            await log.WriteSnapshotAsync(5, new byte[] { 5 }, TestContext.Current.CancellationToken);
            await log.WriteSnapshotAsync(10, new byte[] { 10 }, TestContext.Current.CancellationToken);
        }

        await using var reopened = await test.OpenAsync();

        Assert.Equal(10, reopened.RecoveredSnapshot?.Lsn);
        Assert.Single(test.FileSystem.ListFiles(test.Directory), n => n.StartsWith("snapshot-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Snapshot_beyond_the_last_durable_lsn_is_refused()
    {
        await using var log = await WalTestLog.InMemory().OpenAsync();
        await AppendAsync(log, 0, 3);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(
            () => log.WriteSnapshotAsync(4, new byte[] { 1 }, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Reading_records_folded_into_a_snapshot_is_refused()
    {
        var test = WalTestLog.InMemory();
        await using var log = await test.OpenAsync(segmentSize: 4096);
        await AppendAsync(log, 0, 300);
        await log.WriteSnapshotAsync(300, new byte[] { 1 }, TestContext.Current.CancellationToken);

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => WalTestLog.ReadAllAsync(log, 1));
    }

    [Fact]
    public async Task Snapshot_read_with_a_different_data_key_fails_with_a_clear_error()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync())
        {
            await AppendAsync(log, 0, 3);
            await log.WriteSnapshotAsync(3, new byte[] { 1 }, TestContext.Current.CancellationToken);
        }

        await Assert.ThrowsAsync<WalDataKeyMismatchException>(() => test.OpenAsync(key: new byte[32]));
    }

    [Fact]
    public async Task A_leftover_temporary_snapshot_is_ignored_and_removed()
    {
        var test = WalTestLog.InMemory();
        await using (var log = await test.OpenAsync())
        {
            await AppendAsync(log, 0, 3);
        }

        using (var file = test.FileSystem.CreateFile(Path.Combine(test.Directory, "snapshot-00000000000000000003.snap.tmp")))
        {
            file.Write(0, new byte[] { 1, 2, 3 });
        }

        await using var reopened = await test.OpenAsync();

        Assert.Null(reopened.RecoveredSnapshot);
        Assert.DoesNotContain(test.FileSystem.ListFiles(test.Directory), n => n.EndsWith(".tmp", StringComparison.Ordinal));
    }
}
