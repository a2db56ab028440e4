using System.Diagnostics;
using Aquila.Matching.Index;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

/// <summary>Not a benchmark: a rough measurement of snapshot and restart times for about a million tokens, run by hand.</summary>
public sealed class SnapshotTimingTests
{
    private const int RecordsPerParty = 111_112;
    private const int BatchRecords = 10_000;

    [Fact(Explicit = true)]
    public async Task Snapshot_and_restart_times_for_a_million_tokens()
    {
        using var bed = OnDisk();
        var options = bed.SnapshotOptions(segmentSize: 64L * 1024 * 1024);
        await using (var matcher = await bed.OpenAsync(Definition(), options))
        {
            var number = 0;
            for (var party = 0; party < Parties.Length; party++)
            {
                for (var first = 0; first < RecordsPerParty; first += BatchRecords)
                {
                    await SubmitAsync(matcher, Parties[party], number++, Records(party, first, Math.Min(BatchRecords, RecordsPerParty - first)));
                }
            }
        }

        var watch = Stopwatch.StartNew();
        var replayed = await bed.OpenAsync(Definition(), options);
        var fullReplay = watch.Elapsed;
        var memoryBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        watch.Restart();
        var lsn = await replayed.WriteSnapshotAsync(TestContext.Current.CancellationToken);
        var snapshotWrite = watch.Elapsed;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var counts = replayed.Counts;
        await replayed.DisposeAsync();
        var file = new FileInfo(Path.Combine(bed.Directory, $"snapshot-{lsn:D20}.snap")).Length;

        watch.Restart();
        await using var restored = await bed.OpenAsync(Definition(), options);
        var fromSnapshot = watch.Elapsed;

        var tokens = counts.Parties.Sum(p => p.Tokens);
        var report = $"tokens {tokens}, hits {counts.Hits}, managed heap {memoryBefore >> 20} MiB, snapshot file {file >> 20} MiB; "
            + $"full replay {fullReplay.TotalMilliseconds:F0} ms, snapshot write {snapshotWrite.TotalMilliseconds:F0} ms "
            + $"(allocated {allocated >> 10} KiB), restart from snapshot {fromSnapshot.TotalMilliseconds:F0} ms";
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        await File.WriteAllTextAsync("/tmp/aquila-snapshot-timing.txt", report, TestContext.Current.CancellationToken);
        Assert.Equal(counts.Parties, restored.Counts.Parties);
        Assert.Equal(counts.Hits, restored.Counts.Hits);
    }

    // Three tokens per record; one record in ten shares its national id, one in three its name+dob, with the other parties.
    private static TokenBatch Records(int party, int first, int count)
    {
        var batch = new TokenBatch();
        for (var r = first; r < first + count; r++)
        {
            batch.AddRecord(Handle(party, r));
            batch.AddToken(0, Token(r % 10 == 0 ? r : ((party + 1) * 10_000_000) + r));
            batch.AddToken(1, Token(r % 3 == 0 ? 50_000_000 + r : ((party + 1) * 10_000_000) + 5_000_000 + r));
            batch.AddToken(2, Token(((party + 1) * 10_000_000) + 2_500_000 + r));
        }

        return batch;
    }
}
