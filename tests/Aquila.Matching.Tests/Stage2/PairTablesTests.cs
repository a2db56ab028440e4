using Aquila.Matching.Index;
using Aquila.Matching.Stage2;

namespace Aquila.Matching.Tests.Stage2;

/// <summary>
/// Issue 16 (cost): the flat pair → slot index that replaced a <c>Dictionary&lt;HitPair, int&gt;</c> finds exactly what a
/// dictionary finds, through growth and party withdrawal.
/// </summary>
public sealed class PairTablesTests
{
    [Fact]
    public void The_pair_index_finds_every_added_pair_and_no_other_through_many_growths()
    {
        var random = new Random(7);
        var pairs = new HitPair[200_000];
        var index = new PairSlotIndex();
        var expected = new Dictionary<HitPair, int>();
        var count = 0;
        while (count < pairs.Length)
        {
            // Small ordinal ranges so pairs repeat and probes collide often.
            var pair = ProjectScoringPair(random.Next(6), random.Next(3000), random.Next(6), random.Next(3000));
            if (pair.PartyA == pair.PartyB || expected.ContainsKey(pair))
            {
                Assert.Equal(expected.GetValueOrDefault(pair, -1), index.Find(pair, pairs));
                continue;
            }

            Assert.Equal(-1, index.Find(pair, pairs));
            pairs[count] = pair;
            index.Add(pair, count);
            expected.Add(pair, count);
            count++;
        }

        Assert.Equal(expected.Count, index.Count);
        foreach (var (pair, slot) in expected)
        {
            Assert.Equal(slot, index.Find(pair, pairs));
        }

        Assert.Equal(-1, index.Find(new HitPair(0, 5000, 1, 5000), pairs));
    }

    [Fact]
    public void Withdrawing_a_party_forgets_its_pairs_and_keeps_the_others()
    {
        var pairs = new CandidatePairs();
        var kept = new List<(HitPair Pair, int At)>();
        for (var i = 0; i < 5000; i++)
        {
            var pair = new HitPair(i % 3, i, 3 + (i % 2), i / 2);
            var at = pairs.Add(pair, (ulong)i, comparedUnder: i);
            if (pair.PartyA != 1)
            {
                kept.Add((pair, at));
            }
        }

        var removed = pairs.RemoveParty(1);

        Assert.Equal(5000 - kept.Count, removed.Count);
        foreach (var at in removed)
        {
            Assert.False(pairs.TryFind(pairs.Pair(at), out _));
        }

        foreach (var (pair, at) in kept)
        {
            Assert.True(pairs.TryFind(pair, out var found));
            Assert.Equal(at, found);
        }
    }

    private static HitPair ProjectScoringPair(int partyA, int ordinalA, int partyB, int ordinalB) =>
        ProjectScoring.PairOf(partyA, ordinalA, partyB, ordinalB);
}
