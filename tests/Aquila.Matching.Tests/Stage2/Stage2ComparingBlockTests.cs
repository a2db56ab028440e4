using System.Globalization;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Scoring;
using Aquila.Matching.Stage2;
using Aquila.Tokens.Input;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;
using static Aquila.Matching.Tests.Stage2.Stage2Bed;

namespace Aquila.Matching.Tests.Stage2;

/// <summary>
/// Issue 16: a candidate is compared under its canonical comparing block (the lowest usable block the two records share),
/// so its agreement levels and score do not depend on the order the batches arrive in.
/// </summary>
public sealed class Stage2ComparingBlockTests
{
    [Fact]
    public async Task The_parties_submitting_in_either_order_give_the_same_hits_scores_and_agreement()
    {
        var (a, b) = Population(60);

        var first = await CurrentHitsAsync(ScoringDefinition(), ("RS", Batch(0, a)), ("BA", Batch(1, b)));
        var second = await CurrentHitsAsync(ScoringDefinition(), ("BA", Batch(1, b)), ("RS", Batch(0, a)));

        Assert.True(first.Count >= 30, $"only {first.Count} hits");
        Assert.Equal(first, second);
    }

    [Fact]
    public void A_pair_whose_comparing_block_crosses_the_cap_later_is_compared_again_as_if_the_block_had_never_been_usable()
    {
        // Namesakes of the first ten RS records (same given and family name, another date, father and place): with a cap of
        // two they take the name blocks out of use for RS, but not the year, father or place blocks.
        var (a, b) = Population(60);
        List<PersonRecord> namesakes = [.. Enumerable.Range(0, 30).Select(i =>
            Person($"S{i}", a[i % 10].FamilyName!, a[i % 10].GivenName!, $"0{1 + (i / 10)}.01.1950", "Dobrivoje", "Ohrid"))];

        var crossedLater = Candidates((0, Batch(0, a)), (1, Batch(1, b)), (0, Batch(0, namesakes, firstHandle: 100)));
        var neverUsable = Candidates((0, Batch(0, namesakes, firstHandle: 100)), (0, Batch(0, a)), (1, Batch(1, b)));

        var moved = crossedLater.Count(c => c.Key.OrdinalA < 10 && c.Value.Block >= ComparingBlock.Key(1, 0, 0));
        Assert.True(moved >= 8, $"{moved} of the first ten RS records' candidates left the name blocks");
        Assert.Equal(neverUsable, crossedLater);
    }

    [Fact]
    public void The_comparing_block_key_puts_the_schema_block_order_first_then_the_values_rank()
    {
        Assert.True(ComparingBlock.Key(0, 1, 1) < ComparingBlock.Key(1, 0, 0));
        Assert.True(ComparingBlock.Key(1, 0, 0) < ComparingBlock.Key(1, 0, 1));
        Assert.True(ComparingBlock.Key(1, 0, 1) < ComparingBlock.Key(1, 1, 0) || ComparingBlock.Key(1, 1, 0) < ComparingBlock.Key(1, 0, 1));
        Assert.True(ComparingBlock.Key(4000, 15, 15) < ComparingBlock.Unknown);
    }

    // The live candidates of a project's stage 2 after the batches (party, batch): pair → (comparing block key, levels).
    private static Dictionary<HitPair, (int Block, ulong Levels)> Candidates(params (int Party, TokenBatch Batch)[] batches) =>
        Candidates(ScoringDefinition(maxBlockFanout: 2), batches);

    // The same under the scoring section of <paramref name="definition"/>.
    internal static Dictionary<HitPair, (int Block, ulong Levels)> Candidates(ProjectDefinition definition, params (int Party, TokenBatch Batch)[] batches)
    {
        var scoring = new ProjectScoring(definition.Scoring!, 2, Tokens.Comparison.RecordComparisonWriter.VectorLength);
        // Ordinals in handle order whatever the batch order, so the two runs' pairs can be compared.
        HandleTable[] handles = [new(), new()];
        for (var party = 0; party < 2; party++)
        {
            var all = batches.Where(x => x.Party == party).SelectMany(x => Enumerable.Range(0, x.Batch.RecordCount).Select(r => x.Batch.GetHandle(r).ToArray()));
            foreach (var handle in all.Order(Comparer<byte[]>.Create((x, y) => x.AsSpan().SequenceCompareTo(y))))
            {
                handles[party].GetOrAdd(handle);
            }
        }

        foreach (var (party, batch) in batches)
        {
            scoring.AddBatch(party, batch, handles[party]);
        }

        var live = new Dictionary<HitPair, (int, ulong)>();
        foreach (var at in scoring.Pairs.LiveInPairOrder())
        {
            live[scoring.Pairs.Pair(at)] = (scoring.Pairs.ComparedUnder(at), scoring.Pairs.Levels(at));
        }

        return live;
    }

    // Each party's current hits after the batches and the start of scoring: hit id, band, score, agreement — sorted, since
    // the order of events follows the order of batches.
    internal static async Task<List<string>> CurrentHitsAsync(ProjectDefinition definition, params (string Party, TokenBatch Batch)[] batches)
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(definition);
        for (var i = 0; i < batches.Length; i++)
        {
            await SubmitAsync(matcher, batches[i].Party, i + 1, batches[i].Batch);
        }

        await matcher.StartScoringAsync(TestContext.Current.CancellationToken);
        var hits = new List<string>();
        foreach (var party in Parties)
        {
            hits.AddRange(matcher.ReadCurrentHits(party, 0, int.MaxValue, out _).Select(e =>
                $"{party} {e.Hit.HitId} {e.Hit.Band} {e.Hit.Score?.ToString("R", CultureInfo.InvariantCulture)} [{string.Join(' ', e.Hit.Agreement)}]"));
        }

        hits.Sort(StringComparer.Ordinal);
        return hits;
    }
}
