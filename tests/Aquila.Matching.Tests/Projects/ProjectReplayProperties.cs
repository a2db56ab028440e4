using Aquila.Matching.Projects;
using FsCheck.Xunit;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

public sealed class ProjectReplayProperties
{
    /// <summary>
    /// Any sequence of small batches from three parties over a small token domain (so hits, updates and fanout
    /// suppression all happen), some of them replacing their party's data set, gives the same streams, receipts and counts after a reopen as before it.
    /// </summary>
    [Property(MaxTest = 25)]
    public async Task<bool> Replay_gives_the_same_streams_receipts_and_counts_as_the_live_run((byte Who, byte What)[] submissions)
    {
        using var bed = InMemory();
        var before = new List<string>();
        var batches = submissions ?? [];
        await using (var matcher = await bed.OpenAsync(Definition(maxFanout: 2)))
        {
            for (var i = 0; i < batches.Length; i++)
            {
                var (who, what) = batches[i];
                var party = who % 3;
                var batch = Batch(party, (who / 3 % 4, [(what % 3, what / 3 % 5)]), (what % 4, [(0, who % 6)]));
                if (what % 5 == 4)
                {
                    await ReplaceAsync(matcher, Parties[party], i, batch);
                }
                else
                {
                    await SubmitAsync(matcher, Parties[party], i, batch);
                }
            }

            before.AddRange(Snapshot(matcher, batches.Length));
        }

        await using var reopened = await bed.OpenAsync(Definition(maxFanout: 2));
        return before.SequenceEqual(Snapshot(reopened, batches.Length));
    }

    private static IEnumerable<string> Snapshot(ProjectMatcher matcher, int batches)
    {
        foreach (var party in Parties)
        {
            foreach (var e in Stream(matcher, party))
            {
                yield return party + " " + e;
            }

            for (var i = 0; i < batches; i++)
            {
                yield return Describe(matcher.FindReceipt(party, BatchId(i)));
            }
        }

        yield return matcher.Counts.ToString();
        foreach (var p in matcher.Counts.Parties)
        {
            yield return p.ToString();
        }
    }
}
