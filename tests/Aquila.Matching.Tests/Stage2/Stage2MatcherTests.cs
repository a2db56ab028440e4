using Aquila.Matching.Projects;
using Aquila.Tokens.Keys;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;
using static Aquila.Matching.Tests.Stage2.Stage2Bed;

namespace Aquila.Matching.Tests.Stage2;

/// <summary>Issue 16: stage 2 in the embedded store — candidates from block tokens, scoring from Matching on, hits that say why.</summary>
public sealed class Stage2MatcherTests
{
    // The pair no stage-1 key finds: names, father and place agree, the date is missing on one side.
    private static readonly Tokens.Input.PersonRecord Target = Person("T1", "Vuković", "Dušan", "14.06.1979", "Radomir", "Kotor");
    private static readonly Tokens.Input.PersonRecord TargetWithoutDate = Person("T2", "Vuković", "Dušan", null, "Radomir", "Kotor");

    private static async Task SubmitPopulationAsync(ProjectMatcher matcher)
    {
        var (a, b) = Population(60);
        a.Add(Target);
        b.Add(TargetWithoutDate);
        await SubmitAsync(matcher, "RS", 1, Batch(0, a));
        await SubmitAsync(matcher, "BA", 2, Batch(1, b));
    }

    [Fact]
    public async Task A_pair_that_no_stage_one_key_finds_becomes_a_hit_with_its_agreement_once_scoring_starts_and_not_before()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition());
        await SubmitPopulationAsync(matcher);

        Assert.Empty(matcher.ReadHits("RS", 0, int.MaxValue));
        Assert.True(await matcher.StartScoringAsync(TestContext.Current.CancellationToken));

        var hits = matcher.ReadHits("RS", 0, int.MaxValue);
        var target = Assert.Single(hits, e => e.Hit.OwnHandle.Equals(Aquila.Matching.Index.RecordHandle.Read(Handle(0, 60))));
        Assert.Equal(Aquila.Matching.Index.HitChangeKind.New, target.Kind);
        Assert.Empty(target.Hit.AgreeingKeys);
        Assert.NotNull(target.Hit.Score);
        Assert.Contains("dob:missing", target.Hit.Agreement);
        Assert.Contains("father=", target.Hit.Agreement);
        Assert.Contains("family=", target.Hit.Agreement);
        Assert.True(hits.Count >= 30, $"only {hits.Count} stage-2 hits of 60 shared persons");
        Assert.False(await matcher.StartScoringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Namesakes_sharing_a_family_name_and_year_do_not_become_hits()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition());
        var (a, b) = Population(60);
        await SubmitAsync(matcher, "RS", 1, Batch(0, a));
        await SubmitAsync(matcher, "BA", 2, Batch(1, b));

        await matcher.StartScoringAsync(TestContext.Current.CancellationToken);

        // Handles of BA's records follow b's order; namesakes have record ids starting with N.
        var namesakes = b.Select((r, i) => (r, i)).Where(x => x.r.RecordId.StartsWith('N')).Select(x => Aquila.Matching.Index.RecordHandle.Read(Handle(1, x.i))).ToHashSet();
        Assert.NotEmpty(namesakes);
        Assert.DoesNotContain(matcher.ReadHits("BA", 0, int.MaxValue), e => namesakes.Contains(e.Hit.OwnHandle));
    }

    [Fact]
    public async Task A_restart_replays_the_recorded_model_and_gives_identical_hits_scores_and_sequences()
    {
        using var bed = OnDisk();
        List<string> before;
        await using (var matcher = await bed.OpenAsync(ScoringDefinition()))
        {
            await SubmitPopulationAsync(matcher);
            await matcher.StartScoringAsync(TestContext.Current.CancellationToken);
            before = Everything(matcher);
        }

        await using var reopened = await bed.OpenAsync(ScoringDefinition());

        Assert.True(reopened.ScoringStarted);
        Assert.Equal(before, Everything(reopened));
        Assert.Contains(before, line => line.Contains("dob:missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_snapshot_keeps_postings_candidates_and_model_so_a_reopen_and_a_later_batch_give_the_same_as_without_it()
    {
        using var plain = OnDisk();
        using var snapshotted = OnDisk();
        var extra = Batch(2, [Person("M1", "Vuković", "Dušan", "1979", "Radomir", "Kotor")]);
        List<string> expected;
        await using (var matcher = await plain.OpenAsync(ScoringDefinition(), plain.SnapshotOptions()))
        {
            await SubmitPopulationAsync(matcher);
            await SubmitAsync(matcher, "ME", 3, extra);
            await matcher.StartScoringAsync(TestContext.Current.CancellationToken);
            expected = Everything(matcher);
        }

        await using (var matcher = await snapshotted.OpenAsync(ScoringDefinition(), snapshotted.SnapshotOptions()))
        {
            await SubmitPopulationAsync(matcher);
            await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);
            await SubmitAsync(matcher, "ME", 3, extra);
            await matcher.StartScoringAsync(TestContext.Current.CancellationToken);
            await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);
        }

        await using var reopened = await snapshotted.OpenAsync(ScoringDefinition(), snapshotted.SnapshotOptions());

        Assert.True(reopened.SnapshotLsn > 0);
        Assert.Equal(expected, Everything(reopened));
    }

    [Fact]
    public async Task A_block_value_held_by_more_records_of_one_party_than_the_cap_makes_no_candidates()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition(maxBlockFanout: 2));
        // Three records of RS with the same names, father and place (only the day differs): every block over the cap of 2.
        var crowd = Enumerable.Range(0, 3).Select(i => Person($"C{i}", "Vuković", "Dušan", $"{10 + i}.06.1979", "Radomir", "Kotor")).ToList();
        await SubmitAsync(matcher, "RS", 1, Batch(0, crowd));
        await SubmitAsync(matcher, "BA", 2, Batch(1, [TargetWithoutDate]));

        await matcher.StartScoringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(0, matcher.Stage2Figures!.Value.Candidates);
        Assert.Empty(matcher.ReadHits("BA", 0, int.MaxValue));
    }

    [Fact]
    public async Task Crossing_the_cap_later_takes_earlier_candidates_of_that_block_away()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition(maxBlockFanout: 2));
        var crowd = Enumerable.Range(0, 3).Select(i => Person($"C{i}", "Vuković", "Dušan", $"{10 + i}.06.1979", "Radomir", "Kotor")).ToList();
        await SubmitAsync(matcher, "BA", 1, Batch(1, [TargetWithoutDate]));
        await SubmitAsync(matcher, "RS", 2, Batch(0, crowd.Take(2).ToList()));
        var before = matcher.Stage2Figures!.Value.Candidates;

        await SubmitAsync(matcher, "RS", 3, Batch(0, crowd.Skip(2).ToList(), firstHandle: 2));

        Assert.Equal(2, before);
        Assert.Equal(0, matcher.Stage2Figures!.Value.Candidates);
    }

    [Fact]
    public async Task A_stage_one_hit_keeps_at_least_its_stage_one_band_and_shows_its_agreement()
    {
        // The "all-bands" rule (the built-in schemas hold hits below strong instead: Stage2HeldHitTests).
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition(stage1: "all-bands"));
        var (a, b) = Population(30);
        // Stage 1 finds the first shared person with its weakest key (possible).
        await SubmitAsync(matcher, "RS", 1, Batch(0, a, i => i == 0 ? [(2, 42)] : [(1, 500 + i)]));
        await SubmitAsync(matcher, "BA", 2, Batch(1, b, i => i == 0 ? [(2, 42)] : [(1, 900 + i)]));
        var stage1 = Assert.Single(matcher.ReadHits("RS", 0, int.MaxValue));

        await matcher.StartScoringAsync(TestContext.Current.CancellationToken);

        var latest = matcher.ReadHits("RS", 0, int.MaxValue).Where(e => e.Hit.HitId == stage1.Hit.HitId).ToList();
        Assert.True(latest[^1].Hit.Band >= MatchBand.Possible);
        Assert.Equal(["skeleton+dob"], latest[^1].Hit.AgreeingKeys);
        Assert.NotEmpty(latest[^1].Hit.Agreement);
        Assert.Equal(stage1.Hit.HitId, latest[^1].Hit.HitId);
    }

    [Fact]
    public async Task Replacing_a_data_set_withdraws_the_hits_stage_two_made_for_it()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition());
        await SubmitPopulationAsync(matcher);
        await matcher.StartScoringAsync(TestContext.Current.CancellationToken);
        var live = matcher.ReadCurrentHits("BA", 0, int.MaxValue, out _).Count;

        await ReplaceAsync(matcher, "BA", 9, Batch(1, [Person("Z1", "Zec", "Zoran", "01.01.1950", "Zdravko", "Bar")]));

        Assert.True(live > 0);
        Assert.Empty(matcher.ReadCurrentHits("BA", 0, int.MaxValue, out _));
        Assert.Equal(0, matcher.Counts.StrongHits + matcher.Counts.ProbableHits + matcher.Counts.PossibleHits);
    }

    [Fact]
    public async Task A_project_without_a_scoring_section_keeps_no_block_entries_and_never_scores()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(ScoringDefinition() is var d ? new ProjectDefinition
        {
            ProjectId = d.ProjectId, Parties = d.Parties, SchemaHash = d.SchemaHash, Keys = d.Keys, MaxFanout = d.MaxFanout,
        } : null);
        await SubmitPopulationAsync(matcher);

        Assert.False(await matcher.StartScoringAsync(TestContext.Current.CancellationToken));
        Assert.Null(matcher.Stage2Figures);
        Assert.Empty(matcher.ReadHits("RS", 0, int.MaxValue));
    }
}
