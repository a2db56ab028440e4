using System.Text;
using System.Text.Json.Nodes;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Scoring;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;
using static Aquila.Matching.Tests.Stage2.Stage2Bed;

namespace Aquila.Matching.Tests.Stage2;

/// <summary>
/// Issue 23: on a schema whose scoring says <c>"stage1": "strong-only"</c>, a stage-1 hit below strong is held until
/// stage 2 scores its pair, then released in stage 2's band or not at all; a strong one is released as it is found.
/// </summary>
public sealed class Stage2HeldHitTests
{
    private const int NidKey = 0; // strong
    private const int NameDobKey = 1; // probable

    // The built-in person scoring section with "stage1" set (the parser is the one way to make one).
    private static ProjectDefinition Definition(string stage1)
    {
        var json = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("src/Aquila.Tokens/Schema/match-keys-v1.json")))!;
        json["scoring"]!["stage1"] = stage1;
        var scoring = MatchKeySchema.Parse(Encoding.UTF8.GetBytes(json.ToJsonString()), "test").Scoring!;
        var definition = ScoringDefinition();
        return new ProjectDefinition
        {
            ProjectId = definition.ProjectId, Parties = definition.Parties, SchemaHash = definition.SchemaHash, Keys = definition.Keys,
            MaxFanout = definition.MaxFanout, Scoring = scoring,
        };
    }

    // RS's A1 and BA's B1 (one person) share a probable key; A2 and B2 a strong one; A3 and BA's namesake N3 (same family
    // name and year, another person) a probable one. Every other record has a stage-1 token of its own.
    private static (TokenBatch Rs, TokenBatch Ba, int N3) Batches()
    {
        var (a, b) = Population(60);
        var shared = new Dictionary<string, (int Key, int Token)>
        {
            ["A1"] = (NameDobKey, 7001), ["B1"] = (NameDobKey, 7001),
            ["A2"] = (NidKey, 7002), ["B2"] = (NidKey, 7002),
            ["A3"] = (NameDobKey, 7003), ["N3"] = (NameDobKey, 7003),
        };
        (int, int)[] Tokens(List<PersonRecord> records, int party, int i) =>
            shared.TryGetValue(records[i].RecordId, out var token) ? [token] : [(NameDobKey, 1_000_000 + (party * 10_000) + i)];
        return (Batch(0, a, i => Tokens(a, 0, i)), Batch(1, b, i => Tokens(b, 1, i)), b.FindIndex(r => r.RecordId == "N3"));
    }

    private static PartyHitEvent? Of(IReadOnlyList<PartyHitEvent> events, int ownHandle, int party = 0) =>
        events.LastOrDefault(e => e.Hit.OwnHandle.Equals(RecordHandle.Read(Handle(party, ownHandle))));

    [Fact]
    public async Task A_probable_stage_one_hit_waits_for_its_score_and_takes_stage_twos_band_or_none_while_a_strong_one_is_released_at_once()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(Definition("strong-only"));
        var (rs, ba, n3) = Batches();
        await SubmitAsync(matcher, "RS", 1, rs);
        await SubmitAsync(matcher, "BA", 2, ba);

        var before = matcher.ReadHits("RS", 0, int.MaxValue);
        await matcher.StartScoringAsync(TestContext.Current.CancellationToken);
        var after = matcher.ReadHits("RS", 0, int.MaxValue);

        Assert.Equal(MatchBand.Strong, Assert.Single(before).Hit.Band);
        Assert.NotNull(Of(before, 2));
        var held = Of(after, 1);
        Assert.NotNull(held);
        Assert.Equal(HitChangeKind.New, held.Kind);
        Assert.Contains("name+dob", held.Hit.AgreeingKeys);
        Assert.NotNull(held.Hit.Score);
        Assert.Equal(BandThresholds.Of(matcher.Definition.Scoring!).BandOf(held.Hit.Score.Value), held.Hit.Band);
        Assert.Null(Of(matcher.ReadHits("BA", 0, int.MaxValue), n3, party: 1)); // the namesake: a probable key agreed, the score says no
    }

    [Fact]
    public async Task Without_the_option_the_namesakes_probable_key_stays_a_hit_whatever_stage_two_scores()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(Definition("all-bands"));
        var (rs, ba, n3) = Batches();
        await SubmitAsync(matcher, "RS", 1, rs);
        await SubmitAsync(matcher, "BA", 2, ba);
        await matcher.StartScoringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(MatchBand.Probable, Of(matcher.ReadHits("BA", 0, int.MaxValue), n3, party: 1)?.Hit.Band);
    }

    [Fact]
    public async Task A_project_that_never_scores_releases_stage_one_hits_in_their_own_bands_as_they_are_found()
    {
        // A dry run declared in the server's configuration has no Matching phase: held hits would never be released.
        using var bed = InMemory();
        var options = bed.Options();
        await using var matcher = await bed.OpenAsync(Definition("strong-only"), new ProjectMatcherOptions
        {
            Directory = options.Directory, DataKey = options.DataKey, ServerKey = options.ServerKey, FileSystem = options.FileSystem,
            NeverScores = true,
        });
        var (rs, ba, n3) = Batches();
        await SubmitAsync(matcher, "RS", 1, rs);
        await SubmitAsync(matcher, "BA", 2, ba);

        var hits = matcher.ReadHits("RS", 0, int.MaxValue);
        Assert.Equal(MatchBand.Probable, Of(hits, 1)?.Hit.Band);
        Assert.Equal(MatchBand.Strong, Of(hits, 2)?.Hit.Band);
        Assert.Equal(MatchBand.Probable, Of(matcher.ReadHits("BA", 0, int.MaxValue), n3, party: 1)?.Hit.Band);
    }

    [Fact]
    public async Task Held_hits_are_the_same_after_a_restart_and_a_replacement_withdraws_only_what_was_released()
    {
        using var bed = InMemory();
        var definition = Definition("strong-only");
        var (rs, ba, _) = Batches();
        List<string> first;
        await using (var matcher = await bed.OpenAsync(definition))
        {
            await SubmitAsync(matcher, "RS", 1, rs);
            await SubmitAsync(matcher, "BA", 2, ba);
            await matcher.StartScoringAsync(TestContext.Current.CancellationToken);
            first = Everything(matcher);
        }

        await using var reopened = await bed.OpenAsync(definition);
        Assert.Equal(first, Everything(reopened));

        var released = reopened.ReadHits("RS", 0, int.MaxValue).Where(e => e.Hit.OtherPartyCode == "BA").Select(e => e.Hit.HitId.ToString()).ToHashSet();
        var countsBefore = reopened.Counts;
        await ReplaceAsync(reopened, "BA", 3, Batch(1, [Person("Z", "Zyxqvorthian", "Ana", "01.02.1990", "Ivo", "Bar")], firstHandle: 500));
        var withdrawn = reopened.ReadHits("RS", 0, int.MaxValue).Where(e => e.Kind == HitChangeKind.Withdrawn).Select(e => e.Hit.HitId.ToString()).ToList();

        Assert.Equal(released.Order(StringComparer.Ordinal), withdrawn.Order(StringComparer.Ordinal));
        Assert.Equal(0, reopened.Counts.Hits);
        Assert.Equal(released.Count, countsBefore.Hits);
    }
}
