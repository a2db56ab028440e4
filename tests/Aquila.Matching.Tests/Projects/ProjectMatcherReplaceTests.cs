using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

public sealed class ProjectMatcherReplaceTests
{
    [Fact]
    public async Task Replacing_withdraws_the_partys_hits_visibly_in_both_streams_with_new_sequences()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500), (1, 600)])));
        await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500), (1, 600)])));
        var hit = Assert.Single(matcher.ReadHits("RS", 0, 10)).Hit.HitId;

        var outcome = await ReplaceAsync(matcher, "RS", 3, Batch(0, (11, [(0, 777)])));

        Assert.Equal(SubmitStatus.Accepted, outcome.Status);
        var rs = matcher.ReadHits("RS", 1, 10);
        var ba = matcher.ReadHits("BA", 1, 10);
        Assert.Equal("2 Withdrawn " + hit + " " + Convert.ToHexString(Handle(0, 10)) + " BA Strong name+dob+nid", Describe(Assert.Single(rs)));
        Assert.Equal("2 Withdrawn " + hit + " " + Convert.ToHexString(Handle(1, 20)) + " RS Strong name+dob+nid", Describe(Assert.Single(ba)));
        Assert.Equal(0, matcher.Counts.Hits);
        Assert.Equal(1, outcome.Receipt!.NewHitEvents);
    }

    [Fact]
    public async Task The_replaced_postings_leave_the_index_so_a_later_batch_does_not_match_them()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));
        await ReplaceAsync(matcher, "RS", 2, Batch(0, (11, [(0, 777)])));

        await SubmitAsync(matcher, "BA", 3, Batch(1, (20, [(0, 500)]), (21, [(0, 777)])));

        var only = Assert.Single(matcher.ReadHits("BA", 0, 10));
        Assert.Equal(HitChangeKind.New, only.Kind);
        Assert.Equal(Handle(1, 21), only.Hit.OwnHandle.ToArray());
        Assert.Equal(Handle(0, 11), Assert.Single(matcher.ReadHits("RS", 0, 10)).Hit.OwnHandle.ToArray());
    }

    [Fact]
    public async Task Other_parties_keep_their_hits_with_each_other_and_see_nothing_of_the_replacement()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));
        await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)]), (21, [(0, 600)])));
        await SubmitAsync(matcher, "ME", 3, Batch(2, (30, [(0, 600)])));
        var meBefore = Stream(matcher, "ME");

        await ReplaceAsync(matcher, "RS", 4, Batch(0, (12, [(0, 900)])));

        Assert.Equal(meBefore, Stream(matcher, "ME"));
        Assert.Equal(1, matcher.Counts.Hits);
        Assert.Equal([HitChangeKind.New, HitChangeKind.New, HitChangeKind.Withdrawn], matcher.ReadHits("BA", 0, 10).Select(e => e.Kind));
        Assert.Equal(HitChangeKind.Withdrawn, matcher.ReadHits("BA", 0, 10)[2].Kind);
        Assert.Equal("RS", matcher.ReadHits("BA", 0, 10)[2].Hit.OtherPartyCode);
    }

    [Fact]
    public async Task The_partys_counts_restart_from_the_replacing_batch()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)]), (11, [(0, 501)])));
        await SubmitAsync(matcher, "RS", 2, Batch(0, (12, [(0, 502)])));

        await ReplaceAsync(matcher, "RS", 3, Batch(0, (13, [(0, 503), (1, 504)])));
        await SubmitAsync(matcher, "RS", 4, Batch(0, (14, [(0, 505)])));

        var rs = matcher.Counts.Parties[0];
        Assert.Equal((2L, 2L, 3L), (rs.Batches, rs.Records, rs.Tokens));
    }

    [Fact]
    public async Task A_replaced_batch_has_a_receipt_that_says_so_and_names_the_replacing_batch()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));

        var replacing = await ReplaceAsync(matcher, "RS", 2, Batch(0, (11, [(0, 777)])));

        var old = matcher.FindReceipt("RS", BatchId(1))!;
        Assert.True(old.IsReplaced);
        Assert.Equal(replacing.Receipt!.Lsn, old.ReplacedAtLsn);
        Assert.Equal(BatchId(2), old.ReplacedBy.ToArray());
        Assert.True(replacing.Receipt.ReplacesEarlier);
        Assert.False(replacing.Receipt.IsReplaced);
        Assert.Equal(BatchId(1), Assert.Single(replacing.Withdrawn!.BatchIds).ToArray());
        Assert.Equal((1L, 1L), (replacing.Withdrawn.Records, replacing.Withdrawn.Tokens));
    }

    [Fact]
    public async Task Resubmitting_a_replaced_batch_id_is_refused_and_adds_nothing()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "BA", 9, Batch(1, (20, [(0, 500)])));
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));
        await ReplaceAsync(matcher, "RS", 2, Batch(0, (11, [(0, 777)])));
        var counts = matcher.Counts;

        var again = await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));

        Assert.Equal(SubmitStatus.Replaced, again.Status);
        Assert.Contains("replaced", again.Problem, StringComparison.Ordinal);
        Assert.Null(again.Receipt);
        Assert.Equal(counts.ToString(), matcher.Counts.ToString());
        Assert.Equal(counts.Parties, matcher.Counts.Parties);
    }

    [Fact]
    public async Task A_resent_replacing_batch_is_answered_from_its_receipt_without_withdrawing_again()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "BA", 9, Batch(1, (20, [(0, 777)])));
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));
        var first = await ReplaceAsync(matcher, "RS", 2, Batch(0, (11, [(0, 777)])));
        var streamBefore = Stream(matcher, "BA");

        var resent = await ReplaceAsync(matcher, "RS", 2, Batch(0, (11, [(0, 777)])));

        Assert.Equal(SubmitStatus.AlreadyAccepted, resent.Status);
        Assert.Equal(Describe(first.Receipt), Describe(resent.Receipt));
        Assert.Null(resent.Withdrawn);
        Assert.Equal(streamBefore, Stream(matcher, "BA"));
    }

    [Fact]
    public async Task An_accepted_batch_id_sent_again_the_other_way_is_a_conflict()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));

        var asReplacement = await ReplaceAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));

        Assert.Equal(SubmitStatus.Conflict, asReplacement.Status);
        Assert.Contains("as an addition", asReplacement.Problem, StringComparison.Ordinal);
        Assert.False(matcher.FindReceipt("RS", BatchId(1))!.IsReplaced);
    }

    [Fact]
    public async Task The_same_records_after_a_replacement_come_back_as_new_hits_with_the_same_ids()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "BA", 9, Batch(1, (20, [(0, 500)])));
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));

        await ReplaceAsync(matcher, "RS", 2, Batch(0, (10, [(0, 500)])));

        var events = matcher.ReadHits("BA", 0, 10);
        Assert.Equal([HitChangeKind.New, HitChangeKind.Withdrawn, HitChangeKind.New], events.Select(e => e.Kind));
        Assert.Single(events.Select(e => e.Hit.HitId).Distinct());
        Assert.Equal(1, matcher.Counts.StrongHits);
    }

    [Fact]
    public async Task Replacing_recomputes_the_partys_suppressed_tokens_and_keeps_the_other_partys()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(Definition(maxFanout: 2));
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)]), (11, [(0, 500)]), (12, [(0, 500)])));
        await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)]), (21, [(0, 900)]), (22, [(0, 900)]), (23, [(0, 900)])));
        Assert.Equal((1L, 1L, 0L), (matcher.Counts.Parties[0].SuppressedTokens, matcher.Counts.Parties[1].SuppressedTokens, matcher.Counts.Hits));

        await ReplaceAsync(matcher, "RS", 3, Batch(0, (10, [(0, 500)])));

        Assert.Equal((0L, 1L, 1L), (matcher.Counts.Parties[0].SuppressedTokens, matcher.Counts.Parties[1].SuppressedTokens, matcher.Counts.Hits));
    }

    [Fact]
    public async Task Reading_current_hits_skips_withdrawals_and_what_they_withdrew_but_keeps_a_hit_found_again()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "BA", 1, Batch(1, (20, [(0, 500)]), (21, [(0, 600)])));
        await SubmitAsync(matcher, "RS", 2, Batch(0, (10, [(0, 500)]), (11, [(0, 600)])));
        await ReplaceAsync(matcher, "RS", 3, Batch(0, (11, [(0, 600)])));

        var current = matcher.ReadCurrentHits("BA", 0, 10, out var scanned);

        var only = Assert.Single(current);
        Assert.Equal((5L, HitChangeKind.New), (only.Sequence, only.Kind));
        Assert.Equal(Handle(1, 21), only.Hit.OwnHandle.ToArray());
        Assert.Equal(5, scanned);
    }

    [Fact]
    public async Task Reading_current_hits_moves_the_cursor_past_skipped_entries_at_the_end()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "BA", 1, Batch(1, (20, [(0, 500)])));
        await SubmitAsync(matcher, "RS", 2, Batch(0, (10, [(0, 500)])));
        await ReplaceAsync(matcher, "RS", 3, Batch(0, (12, [(0, 900)])));

        var current = matcher.ReadCurrentHits("BA", 0, 10, out var scanned);

        Assert.Empty(current);
        Assert.Equal(matcher.LastHitSequence("BA"), scanned);
    }

    [Fact]
    public async Task A_restart_after_a_replacement_gives_the_same_streams_receipts_and_counts()
    {
        using var bed = InMemory();
        List<string> before;
        await using (var matcher = await bed.OpenAsync(Definition(maxFanout: 2), bed.SnapshotOptions()))
        {
            await ReplacementHistoryAsync(matcher);
            before = SnapshotScenario.Observe(matcher, 6);
        }

        await using var reopened = await bed.OpenAsync(Definition(maxFanout: 2), bed.SnapshotOptions());

        Assert.Equal(before, SnapshotScenario.Observe(reopened, 6));
    }

    [Fact]
    public async Task Current_hits_read_the_same_after_a_reopen_from_a_snapshot()
    {
        using var bed = InMemory();
        List<string> before;
        await using (var matcher = await bed.OpenAsync(Definition(maxFanout: 2), bed.SnapshotOptions(snapshotOnDispose: true)))
        {
            await ReplacementHistoryAsync(matcher);
            before = [.. Parties.SelectMany(p => matcher.ReadCurrentHits(p, 0, 100, out _).Select(Describe))];
        }

        await using var reopened = await bed.OpenAsync(Definition(maxFanout: 2), bed.SnapshotOptions());

        Assert.True(reopened.SnapshotLsn > 0);
        Assert.Equal(before, Parties.SelectMany(p => reopened.ReadCurrentHits(p, 0, 100, out _).Select(Describe)));
        Assert.NotEmpty(before);
    }

    [Fact]
    public async Task A_snapshot_taken_after_a_replacement_reopens_to_the_state_of_a_full_replay()
    {
        using var replayed = InMemory();
        await using (var matcher = await replayed.OpenAsync(Definition(maxFanout: 2), replayed.SnapshotOptions()))
        {
            await ReplacementHistoryAsync(matcher);
        }

        using var snapshotted = InMemory();
        await using (var matcher = await snapshotted.OpenAsync(Definition(maxFanout: 2), snapshotted.SnapshotOptions()))
        {
            await ReplacementHistoryAsync(matcher);
            await matcher.WriteSnapshotAsync(TestContext.Current.CancellationToken);
        }

        await using var fromLog = await replayed.OpenAsync(Definition(maxFanout: 2), replayed.SnapshotOptions());
        await using var fromSnapshot = await snapshotted.OpenAsync(Definition(maxFanout: 2), snapshotted.SnapshotOptions());

        Assert.True(fromSnapshot.SnapshotLsn > 0);
        Assert.Equal(SnapshotScenario.State(fromLog), SnapshotScenario.State(fromSnapshot));
        Assert.Equal(SnapshotScenario.Observe(fromLog, 6), SnapshotScenario.Observe(fromSnapshot, 6));
        Assert.True(fromSnapshot.FindReceipt("RS", BatchId(0))!.IsReplaced);
    }

    // RS submits twice, BA and ME match it, RS replaces its data set, then adds to the new one.
    private static async Task ReplacementHistoryAsync(ProjectMatcher matcher)
    {
        await SubmitAsync(matcher, "RS", 0, Batch(0, (10, [(0, 500), (1, 600)]), (11, [(0, 501)])));
        await SubmitAsync(matcher, "RS", 1, Batch(0, (12, [(0, 900)]), (13, [(0, 900)]), (14, [(0, 900)])));
        await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)]), (21, [(0, 901)])));
        await SubmitAsync(matcher, "ME", 3, Batch(2, (30, [(1, 600)]), (31, [(0, 901)])));
        await ReplaceAsync(matcher, "RS", 4, Batch(0, (10, [(1, 600)]), (15, [(0, 901)])));
        await SubmitAsync(matcher, "RS", 5, Batch(0, (16, [(0, 500)])));
    }
}
