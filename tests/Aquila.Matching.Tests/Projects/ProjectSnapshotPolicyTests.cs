using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

/// <summary>When size-driven snapshots are written: spaced further apart as the state grows, so their cost stays linear.</summary>
public sealed class ProjectSnapshotPolicyTests
{
    [Fact]
    public async Task Snapshots_grow_apart_as_the_batches_they_cover_grow()
    {
        using var bed = InMemory();
        const int Batches = 128;
        var snapshots = new List<long>();
        await using (var matcher = await bed.OpenAsync(Definition(), bed.SnapshotOptions(snapshotEveryBytes: 1, segmentSize: 64 * 1024)))
        {
            for (var i = 0; i < Batches; i++)
            {
                // Batches of the same size, so the threshold is met by the first and then by the doubling rule only.
                await SubmitAsync(matcher, Parties[i % 3], i, Batch(i % 3, (i, [(0, 5000 + i), (1, 7000 + i)])));
                if (snapshots.Count == 0 || snapshots[^1] != matcher.SnapshotLsn)
                {
                    snapshots.Add(matcher.SnapshotLsn);
                }
            }
        }

        // With a full snapshot after every batch there would be 128; doubling the covered batches gives about log2(128) + 1.
        Assert.InRange(snapshots.Count, 6, 9);
        for (var i = 2; i < snapshots.Count; i++)
        {
            Assert.True(snapshots[i] - snapshots[i - 1] >= snapshots[i - 1] - snapshots[i - 2],
                $"snapshot {i} came {snapshots[i] - snapshots[i - 1]} records after the previous one, sooner than the gap before it");
        }
    }
}
