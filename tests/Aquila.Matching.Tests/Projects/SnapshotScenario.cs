using System.Buffers;
using Aquila.Matching.Projects;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

/// <summary>
/// A random submission scenario for snapshot tests: three parties, a small token domain and fanout 2 (so hits,
/// updates and suppression all happen), resends of earlier batch ids with the same or other content, and replaced data sets.
/// </summary>
internal static class SnapshotScenario
{
    public static async Task<List<string>> SubmitAllAsync(ProjectMatcher matcher, (byte Who, byte What)[] steps, int firstNumber)
    {
        var outcomes = new List<string>();
        for (var i = 0; i < steps.Length; i++)
        {
            var (who, what) = steps[i];
            var party = who % 3;
            var number = firstNumber + i;
            var content = number;
            if (what % 6 == 5 && number > 0)
            {
                // A resend of an earlier id: same content (answered from the receipt) or other content (a conflict).
                number = who % number;
                content = what % 12 == 5 ? number : 1000 + firstNumber + i;
            }

            var batch = Batch(party, (who / 3 % 4, [(what % 3, what / 3 % 5)]), (what % 4, [(0, who % 6)]));
            // Some steps replace the party's data set (also as resends, of replaced or replacing ids).
            var outcome = what % 7 == 3
                ? await ReplaceAsync(matcher, Parties[party], number, batch, content)
                : await SubmitAsync(matcher, Parties[party], number, batch, content);
            outcomes.Add($"{outcome.Status} {Describe(outcome.Receipt)}");
        }

        return outcomes;
    }

    /// <summary>Everything a caller can observe: each party's whole stream, every receipt, the counts.</summary>
    public static List<string> Observe(ProjectMatcher matcher, int batchNumbers)
    {
        var seen = new List<string>();
        foreach (var party in Parties)
        {
            seen.AddRange(Stream(matcher, party).Select(e => party + " " + e));
            for (var i = 0; i < batchNumbers; i++)
            {
                seen.Add(party + " " + Describe(matcher.FindReceipt(party, BatchId(i))));
            }
        }

        seen.Add(matcher.Counts.ToString());
        seen.AddRange(matcher.Counts.Parties.Select(p => p.ToString()));
        return seen;
    }

    /// <summary>The matcher's whole serialised state, as a snapshot would hold it.</summary>
    public static byte[] State(ProjectMatcher matcher)
    {
        var output = new ArrayBufferWriter<byte>();
        matcher.WriteState(output, matcher.AppliedLsn);
        return output.WrittenSpan.ToArray();
    }
}
