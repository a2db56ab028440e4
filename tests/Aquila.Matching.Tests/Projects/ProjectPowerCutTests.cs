using Aquila.Matching.Projects;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

/// <summary>
/// Crash consistency of the submission pipeline (batches flushed while earlier ones are indexed) on the fault-injecting
/// file system: some batches are acknowledged, then up to three more are submitted concurrently while the power is cut
/// (unflushed bytes lost, a random prefix of unflushed appends kept as a torn write). After the restart the project must
/// be exactly what a matcher that never crashed shows after the acknowledged batches followed by some of the in-flight
/// ones in some order — every acknowledged batch back with its receipt, no batch half applied, streams only extended.
/// </summary>
/// <remarks>CI runs <see cref="DefaultTrials"/> trials; <c>AQUILA_CRASH_TRIALS=100</c> (or more) for the long mode.</remarks>
public sealed class ProjectPowerCutTests
{
    private const int DefaultTrials = 4;
    private const int DefaultFirstSeed = 7300;

    public static TheoryData<int> Seeds() => CrashTrials.Seeds(DefaultTrials, DefaultFirstSeed);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task After_a_power_cut_the_project_is_the_acknowledged_batches_and_some_of_those_in_flight(int seed)
    {
        var random = new Random(seed);
        var batches = Enumerable.Range(0, 20).Select(i => (Party: random.Next(3), Records: RandomRecords(random, i))).ToArray();
        var acknowledgedCount = random.Next(2, 16);
        var inFlightCount = random.Next(1, 4);
        using var bed = InMemory(flushLatency: TimeSpan.FromMilliseconds(1));
        var options = bed.SnapshotOptions(segmentSize: 16 * 1024);

        var matcher = await bed.OpenAsync(options: options);
        for (var i = 0; i < acknowledgedCount; i++)
        {
            Assert.Equal(SubmitStatus.Accepted, (await Submit(matcher, batches, i)).Status);
        }

        var readable = Parties.Select(p => Stream(matcher, p)).ToList();
        var inFlight = Enumerable.Range(acknowledgedCount, inFlightCount).Select(i => Task.Run(() => Submit(matcher, batches, i))).ToArray();
        await Task.Delay(random.Next(0, 4), TestContext.Current.CancellationToken);
        bed.Faults.SimulatePowerCut(new Random(seed + 1));
        foreach (var submission in inFlight)
        {
            await Record.ExceptionAsync(() => submission);
        }

        await Record.ExceptionAsync(async () => await matcher.DisposeAsync());
        await using var reopened = await bed.OpenAsync(options: options);
        var after = View(reopened, batches.Length);

        for (var p = 0; p < Parties.Length; p++)
        {
            Assert.Equal(readable[p], Stream(reopened, Parties[p]).Take(readable[p].Count));
        }

        var candidates = new List<string>();
        foreach (var order in SubsetOrders(Enumerable.Range(acknowledgedCount, inFlightCount).ToArray()))
        {
            var reference = await ReferenceAsync(batches, [.. Enumerable.Range(0, acknowledgedCount), .. order]);
            if (reference.SequenceEqual(after))
            {
                return;
            }

            candidates.Add(string.Join(",", order));
        }

        Assert.Fail($"Seed {seed}: the reopened project matches no order of the in-flight batches (tried {string.Join(" | ", candidates)}).");
    }

    private static (int Handle, (int Key, int Token)[] Tokens)[] RandomRecords(Random random, int batch)
    {
        var records = new (int, (int, int)[])[random.Next(1, 4)];
        for (var r = 0; r < records.Length; r++)
        {
            records[r] = ((batch * 10) + r, [(0, random.Next(12)), (1, 100 + random.Next(6)), (2, 200 + random.Next(40))]);
        }

        return records;
    }

    private static Task<SubmitOutcome> Submit(ProjectMatcher matcher, (int Party, (int, (int, int)[])[] Records)[] batches, int i) =>
        SubmitAsync(matcher, Parties[batches[i].Party], i, Batch(batches[i].Party, batches[i].Records));

    private static async Task<List<string>> ReferenceAsync((int Party, (int, (int, int)[])[] Records)[] batches, int[] order)
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(options: bed.SnapshotOptions(segmentSize: 16 * 1024));
        foreach (var i in order)
        {
            await Submit(matcher, batches, i);
        }

        return View(matcher, batches.Length);
    }

    private static List<string> View(ProjectMatcher matcher, int batches)
    {
        var view = new List<string>();
        foreach (var party in Parties)
        {
            view.AddRange(Stream(matcher, party).Select(e => party + ": " + e));
            for (var i = 0; i < batches; i++)
            {
                view.Add(Describe(matcher.FindReceipt(party, BatchId(i))));
            }
        }

        view.Add(matcher.Counts.ToString());
        view.AddRange(matcher.Counts.Parties.Select(p => p.ToString()));
        return view;
    }

    // Every subset of the in-flight batches, in every order (the empty one first).
    private static IEnumerable<int[]> SubsetOrders(int[] items)
    {
        yield return [];
        for (var i = 0; i < items.Length; i++)
        {
            foreach (var rest in SubsetOrders([.. items[..i], .. items[(i + 1)..]]))
            {
                yield return [items[i], .. rest];
            }
        }
    }
}
