using Aquila.Tokens.Input;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;
using static Aquila.Matching.Tests.Stage2.Stage2Bed;

namespace Aquila.Matching.Tests.Stage2;

/// <summary>
/// Issue 16: a block with its own fanout cap (<c>"max_fanout"</c>): a value held by more records of one party than that
/// cap makes no pairs for that party, while the other blocks keep the section's cap; the candidates and hits do not
/// depend on the order the batches arrive in.
/// </summary>
public sealed class Stage2BlockFanoutTests
{
    private static readonly Dictionary<string, int> TightFamily = new() { ["b_family"] = 1 };

    // Two RS records and one BA record that share only the family name's skeleton (given names, dates, father and place
    // differ or are missing), and a third RS record that shares the BA record's full name too.
    private static readonly PersonRecord[] Rs =
    [
        Person("R0", "Vuković", "Ana", "03.02.1971", sex: "F"),
        Person("R1", "Vuković", "Marko", "11.09.1984"),
    ];

    private static readonly PersonRecord SameName = Person("R2", "Vuković", "Zoran", "21.05.1990");
    private static readonly PersonRecord Ba = Person("B0", "Vuković", "Zoran", null);

    [Fact]
    public async Task A_value_over_its_block_s_own_cap_makes_no_pairs()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition(maxBlockFanout: 20, blockFanout: TightFamily));
        await SubmitAsync(matcher, "RS", 1, Batch(0, Rs));
        await SubmitAsync(matcher, "BA", 2, Batch(1, [Ba]));

        var family = matcher.Stage2Blocks[MatchKeySchemaBlock("b_family")];
        Assert.Equal(0, matcher.Stage2Figures!.Value.Candidates);
        Assert.Equal((0L, 0L, 1L, 1L), (family.Candidates, family.PairsMade, family.Values, family.ValuesOverCap));
    }

    [Fact]
    public async Task The_same_value_under_the_section_s_cap_makes_the_pairs()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition(maxBlockFanout: 20));
        await SubmitAsync(matcher, "RS", 1, Batch(0, Rs));
        await SubmitAsync(matcher, "BA", 2, Batch(1, [Ba]));

        var family = matcher.Stage2Blocks[MatchKeySchemaBlock("b_family")];
        Assert.Equal(2, matcher.Stage2Figures!.Value.Candidates);
        Assert.Equal((2L, 2L, 0L), (family.Candidates, family.PairsMade, family.ValuesOverCap));
    }

    [Fact]
    public async Task A_tight_cap_on_one_block_leaves_the_pairs_another_block_makes()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition(maxBlockFanout: 20, blockFanout: TightFamily));
        await SubmitAsync(matcher, "RS", 1, Batch(0, [.. Rs, SameName]));
        await SubmitAsync(matcher, "BA", 2, Batch(1, [Ba]));

        // R2 and B0 still share the full name's blocks; the family block (three RS records) is out of use.
        Assert.Equal(1, matcher.Stage2Figures!.Value.Candidates);
        Assert.Equal(0L, matcher.Stage2Blocks[MatchKeySchemaBlock("b_family")].Candidates);
    }

    [Fact]
    public async Task Crossing_a_block_s_own_cap_later_takes_its_pairs_away()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition(maxBlockFanout: 20, blockFanout: TightFamily));
        await SubmitAsync(matcher, "BA", 1, Batch(1, [Ba]));
        await SubmitAsync(matcher, "RS", 2, Batch(0, [Rs[0]]));
        var before = matcher.Stage2Figures!.Value.Candidates;

        await SubmitAsync(matcher, "RS", 3, Batch(0, [Rs[1]], firstHandle: 1));

        Assert.Equal(1, before);
        Assert.Equal(0, matcher.Stage2Figures!.Value.Candidates);
    }

    [Fact]
    public void The_candidates_under_per_block_caps_do_not_depend_on_the_order_of_the_batches()
    {
        // The population plus namesakes in RS that push the name blocks of ten records past a cap of 2 (and the family
        // block, capped at 1, past its own) only when they arrive.
        var (a, b) = Population(60);
        List<PersonRecord> namesakes = [.. Enumerable.Range(0, 30).Select(i =>
            Person($"S{i}", a[i % 10].FamilyName!, a[i % 10].GivenName!, $"0{1 + (i / 10)}.01.1950", "Dobrivoje", "Ohrid"))];
        var definition = ScoringDefinition(blockFanout: new Dictionary<string, int> { ["b_family"] = 1, ["b_given_family_initial"] = 2, ["b_name_skeleton"] = 2 });

        var first = Stage2ComparingBlockTests.Candidates(definition, (0, Batch(0, a)), (1, Batch(1, b)), (0, Batch(0, namesakes, firstHandle: 100)));
        var second = Stage2ComparingBlockTests.Candidates(definition, (0, Batch(0, namesakes, firstHandle: 100)), (1, Batch(1, b)), (0, Batch(0, a)));
        var third = Stage2ComparingBlockTests.Candidates(definition, (1, Batch(1, b)), (0, Batch(0, a)), (0, Batch(0, namesakes, firstHandle: 100)));

        Assert.True(first.Count >= 60, $"only {first.Count} candidates");
        Assert.Equal(first, second);
        Assert.Equal(first, third);
    }

    [Fact]
    public async Task The_hits_under_per_block_caps_do_not_depend_on_the_order_of_the_parties()
    {
        var (a, b) = Population(60);
        var definition = ScoringDefinition(blockFanout: new Dictionary<string, int> { ["b_family"] = 1, ["b_family_year"] = 1 });

        var first = await Stage2ComparingBlockTests.CurrentHitsAsync(definition, ("RS", Batch(0, a)), ("BA", Batch(1, b)));
        var second = await Stage2ComparingBlockTests.CurrentHitsAsync(definition, ("BA", Batch(1, b)), ("RS", Batch(0, a)));

        Assert.True(first.Count >= 30, $"only {first.Count} hits");
        Assert.Equal(first, second);
    }

    private static int MatchKeySchemaBlock(string id) => Tokens.Keys.MatchKeySchema.Default.Scoring!.IndexOf(id);
}
