using FsCheck.Xunit;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

public sealed class ProjectSnapshotProperties
{
    /// <summary>
    /// The same scenario twice: once with a snapshot at a random point (small segments, so the snapshot deletes what it
    /// covers), once without. After a reopen both hold the same state, byte for byte, and observably (streams, receipts,
    /// counts); later submissions then give the same outcomes and hit events in both.
    /// </summary>
    [Property(MaxTest = 40)]
    public async Task<bool> Reopening_from_a_snapshot_gives_exactly_the_state_of_a_full_replay(
        (byte Who, byte What)[] before, byte snapshotAt, (byte Who, byte What)[] after)
    {
        before ??= [];
        after ??= [];
        var numbers = before.Length + after.Length;
        var cut = before.Length == 0 ? 0 : snapshotAt % (before.Length + 1);

        using var replayed = InMemory();
        await using (var matcher = await replayed.OpenAsync(Definition(maxFanout: 2), replayed.SnapshotOptions()))
        {
            await SnapshotScenario.SubmitAllAsync(matcher, before, 0);
        }

        using var snapshotted = InMemory();
        await using (var matcher = await snapshotted.OpenAsync(Definition(maxFanout: 2), snapshotted.SnapshotOptions()))
        {
            await SnapshotScenario.SubmitAllAsync(matcher, before[..cut], 0);
            await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);
            await SnapshotScenario.SubmitAllAsync(matcher, before[cut..], cut);
        }

        await using var fromLog = await replayed.OpenAsync(Definition(maxFanout: 2), replayed.SnapshotOptions());
        await using var fromSnapshot = await snapshotted.OpenAsync(Definition(maxFanout: 2), snapshotted.SnapshotOptions());
        var sameState = SnapshotScenario.State(fromLog).AsSpan().SequenceEqual(SnapshotScenario.State(fromSnapshot));
        var sameView = SnapshotScenario.Observe(fromLog, numbers).SequenceEqual(SnapshotScenario.Observe(fromSnapshot, numbers));
        var laterFromLog = await SnapshotScenario.SubmitAllAsync(fromLog, after, before.Length);
        var laterFromSnapshot = await SnapshotScenario.SubmitAllAsync(fromSnapshot, after, before.Length);
        var sameLater = laterFromLog.SequenceEqual(laterFromSnapshot)
            && SnapshotScenario.Observe(fromLog, numbers).SequenceEqual(SnapshotScenario.Observe(fromSnapshot, numbers));
        return fromLog.SnapshotLsn == 0 && fromSnapshot.SnapshotLsn > 0 && sameState && sameView && sameLater;
    }
}
