using Aquila.Matching.Projects;
using Aquila.Matching.Storage;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

public sealed class ProjectSnapshotCrashTests
{
    private const int Batches = 16;

    // Batch i of party i % 3 shares a token with the batch before it, so nearly every batch makes a hit.
    private static Task<SubmitOutcome> SubmitNumberAsync(ProjectMatcher matcher, int i) =>
        SubmitAsync(matcher, Parties[i % 3], i, Batch(i % 3, (i, [(0, 1000 + ((i + 1) / 2)), (1, i % 4)])));

    private static string SnapshotPath(ProjectTestBed bed, long lsn) => Path.Combine(bed.Directory, $"snapshot-{lsn:D20}.snap");

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_power_cut_during_a_snapshot_write_leaves_the_previous_snapshot_and_the_log_with_every_acknowledged_batch(bool failTheWrite)
    {
        using var bed = InMemory();
        var matcher = await bed.OpenAsync(Definition(), bed.SnapshotOptions());
        for (var i = 0; i < Batches / 2; i++)
        {
            await SubmitNumberAsync(matcher, i);
        }

        var firstSnapshot = await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);
        for (var i = Batches / 2; i < Batches; i++)
        {
            await SubmitNumberAsync(matcher, i);
        }

        var acknowledged = SnapshotScenario.Observe(matcher, Batches);
        if (failTheWrite)
        {
            bed.Faults.FailNextWrites(1);
        }
        else
        {
            bed.Faults.FailNextFlushes(1);
        }

        await Assert.ThrowsAnyAsync<IOException>(() => matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken));
        bed.Faults.SimulatePowerCut(new Random(7));
        await Record.ExceptionAsync(async () => await matcher.DisposeAsync());
        await using var reopened = await bed.OpenAsync(Definition(), bed.SnapshotOptions());

        Assert.Equal(firstSnapshot, reopened.SnapshotLsn);
        Assert.Equal(acknowledged, SnapshotScenario.Observe(reopened, Batches));
    }

    [Fact]
    public async Task A_snapshot_that_fails_after_a_batch_does_not_fail_the_batch_and_the_next_batch_tries_again()
    {
        using var bed = InMemory();
        var refusing = new SnapshotRefusingFileSystem(bed.FileSystem);
        var options = bed.SnapshotOptions(snapshotEveryBytes: 1);
        await using var matcher = await bed.OpenAsync(Definition(), new ProjectMatcherOptions
        {
            Directory = options.Directory,
            DataKey = options.DataKey,
            ServerKey = options.ServerKey,
            FileSystem = refusing,
            SnapshotEveryBytes = 1,
            SnapshotOnDispose = false,
        });

        var refused = await SubmitNumberAsync(matcher, 0);
        var snapshotAfterRefusal = matcher.SnapshotLsn;
        refusing.Refuse = false;
        var next = await SubmitNumberAsync(matcher, 1);

        Assert.Equal(SubmitStatus.Accepted, refused.Status);
        Assert.Equal(0, snapshotAfterRefusal);
        Assert.Equal(next.Receipt!.Lsn, matcher.SnapshotLsn);
    }

    [Fact]
    public async Task After_a_power_cut_following_a_snapshot_the_reopen_starts_from_that_snapshot()
    {
        using var bed = InMemory();
        var matcher = await bed.OpenAsync(Definition(), bed.SnapshotOptions());
        for (var i = 0; i < Batches; i++)
        {
            await SubmitNumberAsync(matcher, i);
        }

        var lsn = await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);
        var acknowledged = SnapshotScenario.Observe(matcher, Batches);
        bed.Faults.SimulatePowerCut(new Random(11));
        await Record.ExceptionAsync(async () => await matcher.DisposeAsync());
        await using var reopened = await bed.OpenAsync(Definition(), bed.SnapshotOptions());

        Assert.Equal(lsn, reopened.SnapshotLsn);
        Assert.Equal(acknowledged, SnapshotScenario.Observe(reopened, Batches));
    }

    [Theory]
    [InlineData(20)] // file header (LSN): caught by the header checksum when the log opens
    [InlineData(100)] // inside the first chunk: caught by its GCM tag while the state is read
    [InlineData(-1)] // the last byte (the last chunk's tag)
    public async Task A_snapshot_with_a_flipped_byte_fails_the_open_naming_the_snapshot_file(int offset)
    {
        using var bed = InMemory();
        long lsn;
        await using (var matcher = await bed.OpenAsync(Definition(), bed.SnapshotOptions()))
        {
            for (var i = 0; i < Batches; i++)
            {
                await SubmitNumberAsync(matcher, i);
            }

            lsn = await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);
        }

        FlipByte(bed.Faults, SnapshotPath(bed, lsn), offset);

        var error = await Assert.ThrowsAsync<WalCorruptionException>(() => bed.OpenAsync(Definition(), bed.SnapshotOptions()));
        Assert.Equal(Path.GetFileName(SnapshotPath(bed, lsn)), error.FileName);
    }

    [Fact]
    public async Task Snapshots_follow_the_byte_threshold_and_a_reopen_replays_only_what_came_after()
    {
        using var bed = InMemory();
        long lsn;
        await using (var matcher = await bed.OpenAsync(Definition(), bed.SnapshotOptions(snapshotEveryBytes: 600)))
        {
            for (var i = 0; i < 3 * Batches; i++)
            {
                await SubmitNumberAsync(matcher, i);
            }

            lsn = matcher.SnapshotLsn;
        }

        await using var reopened = await bed.OpenAsync(Definition(), bed.SnapshotOptions());

        Assert.InRange(lsn, 2 * Batches, 3 * Batches + 1);
        Assert.Equal(lsn, reopened.SnapshotLsn);
        Assert.DoesNotContain("segment-0000000001.wal", bed.FileSystem.ListFiles(bed.Directory));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Closing_writes_a_snapshot_only_when_asked_to(bool snapshotOnDispose)
    {
        using var bed = InMemory();
        long lastLsn;
        await using (var matcher = await bed.OpenAsync(Definition(), bed.SnapshotOptions(snapshotOnDispose: snapshotOnDispose)))
        {
            lastLsn = (await SubmitNumberAsync(matcher, 0)).Receipt!.Lsn;
        }

        await using var reopened = await bed.OpenAsync(Definition(), bed.SnapshotOptions());

        Assert.Equal(snapshotOnDispose ? lastLsn : 0, reopened.SnapshotLsn);
    }

    [Fact]
    public async Task A_snapshot_with_nothing_new_since_the_last_one_writes_nothing()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(Definition(), bed.SnapshotOptions());
        await SubmitNumberAsync(matcher, 0);
        var lsn = await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);
        var writes = bed.Faults.WriteCount;

        var again = await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);

        Assert.Equal(lsn, again);
        Assert.Equal(writes, bed.Faults.WriteCount);
    }

    private static void FlipByte(FaultInjectingFileSystem fileSystem, string path, int offset)
    {
        var bytes = fileSystem.ReadAllBytes(path);
        var at = offset < 0 ? bytes.Length + offset : offset;
        using var file = fileSystem.OpenFile(path, writable: true);
        file.Write(at, [(byte)(bytes[at] ^ 0x20)]);
        file.FlushToDisk();
    }
}
