using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

/// <summary>
/// Submissions overlap (one batch is indexed while the next is flushed): whatever the interleaving, the state must be the
/// one a replay of the log gives, each batch id is applied once, and a failed write leaves nothing behind.
/// </summary>
public sealed class ProjectMatcherPipelineTests
{
    private const int BatchesPerParty = 12;

    // Party p's batch b: records sharing tokens with the other parties' batches of the same and nearby numbers.
    private static TokenBatch Overlapping(int party, int batch)
    {
        var records = new (int Handle, (int Key, int Token)[] Tokens)[8];
        for (var r = 0; r < records.Length; r++)
        {
            var person = (batch * 5) + r;
            records[r] = (batch * 100 + r, [(0, person), (1, 10_000 + (person % 37)), (2, 20_000 + (party * 1_000) + person)]);
        }

        return Batch(party, records);
    }

    private static int BatchNumber(int party, int batch) => (party * 1_000) + batch;

    private static List<string> Everything(ProjectMatcher matcher)
    {
        var all = new List<string>();
        for (var p = 0; p < Parties.Length; p++)
        {
            all.AddRange(Stream(matcher, Parties[p]).Select(e => Parties[p] + ": " + e));
            for (var b = 0; b < BatchesPerParty; b++)
            {
                all.Add(Describe(matcher.FindReceipt(Parties[p], BatchId(BatchNumber(p, b)))));
            }
        }

        all.Add(matcher.Counts.ToString());
        all.AddRange(matcher.Counts.Parties.Select(p => p.ToString()));
        return all;
    }

    [Fact]
    public async Task Concurrent_submissions_leave_the_state_a_replay_of_the_log_gives()
    {
        using var bed = InMemory(flushLatency: TimeSpan.FromMilliseconds(2));
        List<string> live;
        await using (var matcher = await bed.OpenAsync(options: bed.SnapshotOptions(segmentSize: 64 * 1024)))
        {
            var submitters = Enumerable.Range(0, Parties.Length).Select(p => Task.Run(async () =>
            {
                for (var b = 0; b < BatchesPerParty; b++)
                {
                    var outcome = await SubmitAsync(matcher, Parties[p], BatchNumber(p, b), Overlapping(p, b));
                    Assert.Equal(SubmitStatus.Accepted, outcome.Status);
                }
            }));
            await Task.WhenAll(submitters);
            live = Everything(matcher);
            Assert.Equal(Parties.Length * BatchesPerParty, matcher.Counts.Parties.Sum(p => p.Batches));
            Assert.True(matcher.Counts.StrongHits > 0, "the batches were meant to overlap");
        }

        await using var reopened = await bed.OpenAsync(options: bed.SnapshotOptions(segmentSize: 64 * 1024));

        Assert.Equal(live, Everything(reopened));
    }

    [Fact]
    public async Task A_batch_sent_twice_at_once_is_applied_once()
    {
        using var bed = InMemory(flushLatency: TimeSpan.FromMilliseconds(5));
        await using var matcher = await bed.OpenAsync();
        var batch = Overlapping(0, 1);

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => Task.Run(() => SubmitAsync(matcher, "RS", 7, batch))));

        Assert.Single(outcomes, o => o.Status == SubmitStatus.Accepted);
        Assert.Equal(3, outcomes.Count(o => o.Status == SubmitStatus.AlreadyAccepted));
        Assert.All(outcomes, o => Assert.Equal(Describe(outcomes[0].Receipt), Describe(o.Receipt)));
        Assert.Equal(1, matcher.Counts.Parties[0].Batches);
        Assert.Equal(8, matcher.Counts.Parties[0].Records);
    }

    [Fact]
    public async Task A_failed_write_among_concurrent_submissions_loses_only_its_own_batches()
    {
        using var bed = InMemory(flushLatency: TimeSpan.FromMilliseconds(2));
        var options = bed.SnapshotOptions(segmentSize: 64 * 1024);
        List<string> live;
        var failed = 0;
        await using (var matcher = await bed.OpenAsync(options: options))
        {
            var submitters = Enumerable.Range(0, Parties.Length).Select(p => Task.Run(async () =>
            {
                for (var b = 0; b < BatchesPerParty; b++)
                {
                    if (p == 0 && b == 4)
                    {
                        bed.Faults.FailNextWrites(1);
                    }

                    try
                    {
                        await SubmitAsync(matcher, Parties[p], BatchNumber(p, b), Overlapping(p, b));
                    }
                    catch (IOException)
                    {
                        Interlocked.Increment(ref failed);
                    }
                }
            }));
            await Task.WhenAll(submitters);
            live = Everything(matcher);
            Assert.Equal((Parties.Length * BatchesPerParty) - failed, matcher.Counts.Parties.Sum(p => p.Batches));
        }

        Assert.InRange(failed, 1, Parties.Length);
        await using var reopened = await bed.OpenAsync(options: options);

        Assert.Equal(live, Everything(reopened));
    }
}
