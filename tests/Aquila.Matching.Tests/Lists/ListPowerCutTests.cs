using System.Globalization;

namespace Aquila.Matching.Tests.Lists;

/// <summary>
/// Crash consistency of joint lists on the fault-injecting file system: a random mix of adds, removes, replaces and
/// hitting queries is acknowledged, then up to three more run concurrently (one group commit) while the power is cut
/// (every unflushed byte lost, a random prefix of unflushed appends kept as a torn write). After the restart the list
/// must show exactly the state of the acknowledged operations followed by some of the in-flight ones in some order —
/// every acknowledged change present, no change half applied, every notification stream an extension of what was
/// readable before the cut — and keep taking changes across another restart.
/// </summary>
/// <remarks>
/// CI runs <see cref="DefaultTrials"/> trials; <c>AQUILA_CRASH_TRIALS=100</c> (or more) for the long mode, <c>AQUILA_CRASH_SEED</c>
/// moves the first seed (as the server's crash tests do).
/// </remarks>
public sealed class ListPowerCutTests
{
    private const int DefaultTrials = 4;
    private const int DefaultFirstSeed = 9100;
    private const int OperationCount = 30;

    // 9129 and 9160: a query's hit record logged after a change its lookup had not seen (fixed: a hitting query now looks
    // up with its log position taken at the same moment, after every change ordered before it is applied). 9101: failed
    // once in CI (2026-12-07) showing the state of its acknowledged operations, which this test's reference gives when run
    // alone; not reproduced in 1,200 trials since — kept, and the failure message now says whether the references moved.
    public static TheoryData<int> Seeds() => CrashTrials.Seeds(DefaultTrials, DefaultFirstSeed, 9129, 9160, 9101);

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task After_a_power_cut_every_acknowledged_list_change_is_back_and_none_is_half_applied(int seed)
    {
        var random = new Random(seed);
        var operations = ListWorkload.Generate(random, OperationCount);
        var acknowledged = random.Next(3, 24);
        var inFlight = operations[acknowledged..(acknowledged + random.Next(1, 4))];
        var bed = new ListTestBed();
        bed.FileSystem.FlushLatency = TimeSpan.FromMilliseconds(1);

        var list = await bed.OpenAsync();
        foreach (var operation in operations[..acknowledged])
        {
            await ListWorkload.ApplyAsync(list, operation, TestContext.Current.CancellationToken);
        }

        var running = inFlight.Select(o => ListWorkload.ApplyAsync(list, o)).ToArray();
        await Task.Delay(random.Next(0, 3), TestContext.Current.CancellationToken);
        bed.FileSystem.SimulatePowerCut(new Random(seed));
        var survived = new List<ListWorkload.Operation>();
        for (var i = 0; i < running.Length; i++)
        {
            if (await Record.ExceptionAsync(() => running[i]) is null)
            {
                survived.Add(inFlight[i]);
            }
        }

        await Record.ExceptionAsync(async () => await list.DisposeAsync());
        List<string> seen;
        await using (var reopened = await bed.OpenAsync())
        {
            seen = ListWorkload.Observe(reopened);
            await ListWorkload.ApplyAsync(reopened, operations[^1], TestContext.Current.CancellationToken);
            seen.Add("then " + string.Join(" | ", ListWorkload.Observe(reopened)));
        }

        var candidates = await CandidatesAsync(operations, acknowledged, inFlight, survived);
        var match = candidates.FindIndex(c => c.State.SequenceEqual(seen));
        if (match < 0)
        {
            // Seed 9101 failed once in CI with a restarted state equal to the no-in-flight reference as computed elsewhere:
            // the references are computed again, so a reference that is not deterministic shows as such.
            var recomputed = await CandidatesAsync(operations, acknowledged, inFlight, survived);
            var stable = recomputed.Count == candidates.Count && recomputed.Zip(candidates).All(p => p.First.State.SequenceEqual(p.Second.State));
            Assert.Fail(string.Create(CultureInfo.InvariantCulture,
                $"seed {seed}: after {acknowledged} acknowledged operations and in flight {string.Join(", ", inFlight.Select(o => o.ToString()))} "
                + $"({survived.Count} acknowledged), the restarted list shows a state no order of them gives:\n{string.Join("\n", seen)}\n"
                + $"the states they give (computed twice: {(stable ? "the same" : "DIFFERENT")}):\n")
                + string.Join("\n--\n", candidates.Concat(stable ? [] : recomputed).Select(c => c.Applied + " applied:\n" + string.Join("\n", c.State))));
        }

        await using var again = await bed.OpenAsync();
        Assert.Equal(seen[^1], "then " + string.Join(" | ", ListWorkload.Observe(again)));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"seed {seed}: {acknowledged} acknowledged, {inFlight.Length} in flight at the cut, {survived.Count} of them acknowledged, "
            + $"{candidates[match].Applied} present after the restart"));
    }

    // What the list shows after the acknowledged operations and each order of in-flight ones that keeps every survivor.
    private static async Task<List<(int Applied, List<string> State)>> CandidatesAsync(
        ListWorkload.Operation[] operations, int acknowledged, ListWorkload.Operation[] inFlight, List<ListWorkload.Operation> survived)
    {
        var candidates = new List<(int Applied, List<string> State)>();
        foreach (var order in Orders(inFlight))
        {
            if (survived.TrueForAll(order.Contains))
            {
                var state = await ListWorkload.ReferenceAsync([.. operations[..acknowledged], .. order]);
                state.Add("then " + string.Join(" | ", await ListWorkload.ReferenceAsync([.. operations[..acknowledged], .. order, operations[^1]])));
                candidates.Add((order.Count, state));
            }
        }

        return candidates;
    }

    // Every ordered selection of the in-flight operations (none, one, any two in either order, ...).
    private static IEnumerable<List<ListWorkload.Operation>> Orders(ListWorkload.Operation[] operations)
    {
        yield return [];
        for (var i = 0; i < operations.Length; i++)
        {
            var rest = operations.Where((_, j) => j != i).ToArray();
            foreach (var tail in Orders(rest))
            {
                yield return [operations[i], .. tail];
            }
        }
    }
}
