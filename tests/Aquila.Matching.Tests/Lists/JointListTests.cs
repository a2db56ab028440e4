using Aquila.Matching.Index;
using Aquila.Matching.Lists;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Tests.Lists;

public class JointListTests
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Matching_entries_of_two_contributors_are_reported_to_both_under_the_pair_hit_id()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10), (0, 20)));

        var receipt = await ListTestBed.AddAsync(list, "BA", ListTestBed.Entry(2, (1, 10)));

        var rs = Assert.Single(list.ReadEvents("RS", 0, 10));
        var ba = Assert.Single(list.ReadEvents("BA", 0, 10));
        var expected = HitIdentity.Compute(ListTestBed.ProjectId, "RS", ListTestBed.Handle(1), "BA", ListTestBed.Handle(2));
        Assert.Equal(2, receipt.DuplicateEvents);
        Assert.Equal(expected, rs.HitId);
        Assert.Equal(expected, ba.HitId);
        Assert.Equal(("BA", MatchBand.Probable), (rs.OtherParty, rs.Band));
        Assert.Equal(ListTestBed.Handle(2), ba.OwnHandle.ToArray());
        Assert.Empty(list.ReadEvents("ME", 0, 10));
    }

    [Fact]
    public async Task Entries_of_one_contributor_never_pair()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();

        var receipt = await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)), ListTestBed.Entry(2, (1, 10)));

        Assert.Equal(0, receipt.DuplicateEvents);
        Assert.Empty(list.ReadEvents("RS", 0, 10));
    }

    [Fact]
    public async Task Confirming_an_entry_again_with_the_same_tokens_reports_no_new_duplicate()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)));
        await ListTestBed.AddAsync(list, "BA", ListTestBed.Entry(2, (1, 10)));

        var again = await ListTestBed.AddAsync(list, "BA", ListTestBed.Entry(2, (1, 10)));
        var stronger = await ListTestBed.AddAsync(list, "BA", ListTestBed.Entry(2, (1, 10), (0, 5)), ListTestBed.Entry(3, (0, 99)));
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10), (0, 5)));

        Assert.Equal(0, again.DuplicateEvents);
        Assert.Equal(0, stronger.DuplicateEvents);
        var events = list.ReadEvents("RS", 0, 10);
        Assert.Equal([ListHitEventKind.Duplicate, ListHitEventKind.DuplicateUpdated], events.Select(e => e.Kind));
        Assert.Equal(MatchBand.Strong, events[^1].Band);
        Assert.Equal(1, list.EntryCount("RS"));
        Assert.Equal(2, list.EntryCount("BA"));
    }

    [Fact]
    public async Task A_query_hits_other_contributors_entries_and_notifies_them_with_the_case_reference()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)));
        await ListTestBed.AddAsync(list, "BA", ListTestBed.Entry(2, (0, 30)));

        var outcome = await ListTestBed.QueryAsync(list, "ME", "CASE-1", (1, 10), (0, 77));

        var hit = Assert.Single(outcome.Hits);
        Assert.Equal(("RS", MatchBand.Probable), (hit.Contributor, hit.Band));
        Assert.Equal(QueryHitIdentity.Compute(ListTestBed.ProjectId, "ME", "CASE-1", "RS", ListTestBed.Handle(1)), hit.HitId);
        var notice = Assert.Single(list.ReadEvents("RS", 0, 10));
        Assert.Equal((ListHitEventKind.Query, "ME", "CASE-1", hit.HitId), (notice.Kind, notice.OtherParty, notice.CaseReference, notice.HitId));
        Assert.Empty(list.ReadEvents("BA", 0, 10));
    }

    [Fact]
    public async Task A_query_encodes_its_evidence_only_when_it_hits_and_the_notice_keeps_what_was_encoded()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)));
        var encoded = new List<string>();

        var miss = await list.QueryAsync("ME", "CASE-1", ListTestBed.Tokens((1, 11)), static c => Evidence(c), (encoded, "miss"),
            TestContext.Current.CancellationToken);
        var hit = await list.QueryAsync("ME", "CASE-2", ListTestBed.Tokens((1, 10)), static c => Evidence(c), (encoded, "hit"),
            TestContext.Current.CancellationToken);

        Assert.False(miss.IsHit);
        Assert.True(hit.IsHit);
        Assert.Equal(["hit"], encoded);
        Assert.Equal("hit"u8.ToArray(), Assert.Single(list.ReadEvents("RS", 0, 10)).QueryEvidence.ToArray());
    }

    private static byte[] Evidence((List<string> Encoded, string Name) call)
    {
        call.Encoded.Add(call.Name);
        return System.Text.Encoding.UTF8.GetBytes(call.Name);
    }

    [Fact]
    public async Task A_contributor_querying_never_hits_its_own_entries()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)));

        var outcome = await ListTestBed.QueryAsync(list, "RS", "CASE-1", (1, 10));

        Assert.False(outcome.IsHit);
        Assert.Null(outcome.Problem);
    }

    [Fact]
    public async Task An_entry_past_its_review_date_drops_out_of_matching_until_it_is_added_again()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, ListTestBed.Today.AddDays(3), (1, 10)));
        var before = await ListTestBed.QueryAsync(list, "BA", "CASE-1", (1, 10));

        bed.Clock.Now = bed.Clock.Now.AddDays(4);
        var lapsed = await ListTestBed.QueryAsync(list, "BA", "CASE-2", (1, 10));
        var duplicate = await ListTestBed.AddAsync(list, "ME", ListTestBed.Entry(5, (1, 10)));
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, ListTestBed.Today.AddDays(400), (1, 10)));
        var confirmed = await ListTestBed.QueryAsync(list, "BA", "CASE-3", (1, 10));

        Assert.True(before.IsHit);
        Assert.False(lapsed.IsHit);
        Assert.Equal(0, duplicate.DuplicateEvents);
        Assert.True(confirmed.IsHit);
    }

    [Theory]
    [InlineData("", "case reference")]
    [InlineData("CASE-1", "at most 2 tokens per key id")]
    public async Task A_query_without_case_reference_or_with_three_tokens_under_one_key_is_refused(string caseReference, string expected)
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();

        var outcome = await ListTestBed.QueryAsync(list, "RS", caseReference, (1, 1), (1, 2), (1, 3));

        Assert.Contains(expected, outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_with_a_key_index_outside_the_schema_is_refused()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();

        var outcome = await ListTestBed.QueryAsync(list, "RS", "CASE-1", (7, 1));

        Assert.Contains("wrong schema", outcome.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replace_takes_away_every_earlier_entry_and_remove_takes_away_one()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)), ListTestBed.Entry(2, (1, 20)), ListTestBed.Entry(3, (1, 30)));

        var removed = await list.ChangeAsync("RS", ListChangeKind.Remove, [], [ListTestBed.Handle(3)], Cancel);
        var replaced = await list.ChangeAsync("RS", ListChangeKind.Replace, [ListTestBed.Entry(4, (1, 40))], [], Cancel);

        Assert.Equal((1, 2), (removed.Receipt!.Removed, removed.Receipt.Entries));
        Assert.Equal((2, 1), (replaced.Receipt!.Removed, replaced.Receipt.Entries));
        Assert.False((await ListTestBed.QueryAsync(list, "BA", "C", (1, 10))).IsHit);
        Assert.True((await ListTestBed.QueryAsync(list, "BA", "C", (1, 40))).IsHit);
    }

    [Fact]
    public async Task A_change_by_a_party_that_does_not_contribute_is_refused_and_nothing_is_logged()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();

        var (receipt, problem) = await list.ChangeAsync("AL", ListChangeKind.Add, [ListTestBed.Entry(1, (1, 10))], [], Cancel);

        Assert.Null(receipt);
        Assert.Contains("not a contributor", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_the_list_replays_entries_duplicates_and_query_notifications_with_the_same_sequences()
    {
        var bed = new ListTestBed();
        List<string> before;
        await using (var list = await bed.OpenAsync())
        {
            await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)), ListTestBed.Entry(2, (0, 5)));
            await ListTestBed.AddAsync(list, "BA", ListTestBed.Entry(3, (1, 10)));
            await ListTestBed.QueryAsync(list, "ME", "CASE-1", (0, 5));
            await list.ChangeAsync("BA", ListChangeKind.Remove, [], [ListTestBed.Handle(3)], Cancel);
            before = ListTestBed.Stream(list, "RS");
        }

        bed.Clock.Now = bed.Clock.Now.AddDays(2);
        await using var reopened = await bed.OpenAsync();

        Assert.Equal(2, before.Count);
        Assert.Equal(before, ListTestBed.Stream(reopened, "RS"));
        Assert.Equal(0, reopened.EntryCount("BA"));
        Assert.True((await ListTestBed.QueryAsync(reopened, "ME", "CASE-2", (1, 10))).IsHit);
    }

    [Fact]
    public async Task A_change_that_was_made_durable_survives_a_power_cut()
    {
        var bed = new ListTestBed();
        await using (var list = await bed.OpenAsync())
        {
            await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)));
            bed.FileSystem.SimulatePowerCut();
        }

        await using var reopened = await bed.OpenAsync();

        Assert.Equal(1, reopened.EntryCount("RS"));
    }

    [Fact]
    public async Task A_log_written_for_other_contributors_is_refused()
    {
        var bed = new ListTestBed();
        await using (await bed.OpenAsync())
        {
        }

        await Assert.ThrowsAsync<InvalidDataException>(() => bed.OpenAsync(ListTestBed.Definition(["RS", "BA"])));
    }

    [Fact]
    public async Task The_log_holds_no_token_as_the_node_sent_it()
    {
        var bed = new ListTestBed();
        await using (var list = await bed.OpenAsync())
        {
            await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)));
        }

        foreach (var file in bed.FileSystem.ListFiles(bed.Directory))
        {
            var bytes = bed.FileSystem.ReadAllBytes(Path.Combine(bed.Directory, file));
            Assert.True(bytes.AsSpan().IndexOf("canary-tok"u8) < 0, file + " holds a token in clear");
        }
    }
}
