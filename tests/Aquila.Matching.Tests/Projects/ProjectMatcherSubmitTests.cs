using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Tokens.Keys;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

public sealed class ProjectMatcherSubmitTests
{
    [Fact]
    public async Task Two_parties_with_a_shared_record_get_one_hit_each_with_their_own_handle_and_the_other_partys_code()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();

        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500), (1, 600)]), (11, [(0, 501)])));
        await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)]), (21, [(0, 999)])));

        var rs = Assert.Single(matcher.ReadHits("RS", 0, 10));
        var ba = Assert.Single(matcher.ReadHits("BA", 0, 10));
        Assert.Equal(Handle(0, 10), rs.Hit.OwnHandle.ToArray());
        Assert.Equal(Handle(1, 20), ba.Hit.OwnHandle.ToArray());
        Assert.Equal(("BA", "RS"), (rs.Hit.OtherPartyCode, ba.Hit.OtherPartyCode));
        Assert.Equal(rs.Hit.HitId, ba.Hit.HitId);
        Assert.Equal((HitChangeKind.New, MatchBand.Strong, 1L), (rs.Kind, rs.Hit.Band, rs.Sequence));
        Assert.Equal(["nid"], rs.Hit.AgreeingKeys);
        Assert.Empty(matcher.ReadHits("ME", 0, 10));
    }

    [Fact]
    public async Task An_accepted_receipt_counts_records_tokens_and_the_hit_events_of_the_batch()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)]), (11, [(0, 501)])));

        var outcome = await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500), (1, 7)]), (21, [(0, 501)]), (22, [(2, 8)])));

        Assert.Equal(SubmitStatus.Accepted, outcome.Status);
        var receipt = Assert.IsType<BatchReceipt>(outcome.Receipt);
        Assert.Equal(("BA", 3L, 4L, 2L), (receipt.Party, receipt.Records, receipt.Tokens, receipt.NewHitEvents));
        Assert.Equal(BatchId(2), receipt.BatchId.ToArray());
        Assert.Equal(ContentHash(2), receipt.ContentHash.ToArray());
        Assert.True(receipt.Lsn > 1);
        Assert.Equal(Describe(receipt), Describe(matcher.FindReceipt("BA", BatchId(2))));
    }

    [Fact]
    public async Task A_resent_batch_is_answered_with_the_original_receipt_and_adds_nothing()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));
        var first = await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)])));
        var countsBefore = matcher.Counts;

        var again = await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)])));

        Assert.Equal(SubmitStatus.AlreadyAccepted, again.Status);
        Assert.Equal(Describe(first.Receipt), Describe(again.Receipt));
        Assert.Equal(1, matcher.LastHitSequence("BA"));
        Assert.Equal(1, matcher.LastHitSequence("RS"));
        Assert.Equal(countsBefore.Parties, matcher.Counts.Parties);
    }

    [Fact]
    public async Task The_same_batch_id_with_other_content_is_a_conflict_and_changes_nothing()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        var first = await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));

        var clash = await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 777)])), content: 99);

        Assert.Equal(SubmitStatus.Conflict, clash.Status);
        Assert.Null(clash.Receipt);
        Assert.Contains("other content", clash.Problem, StringComparison.Ordinal);
        Assert.Equal(Describe(first.Receipt), Describe(matcher.FindReceipt("RS", BatchId(1))));
        Assert.Equal(1, matcher.Counts.Parties[0].Tokens);
    }

    [Fact]
    public async Task The_same_batch_id_from_another_party_is_a_different_batch()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));

        var other = await SubmitAsync(matcher, "BA", 1, Batch(1, (20, [(0, 500)])), content: 42);

        Assert.Equal(SubmitStatus.Accepted, other.Status);
    }

    public static TheoryData<string, string> RefusedBatches => new()
    {
        { "unknown party", "not in the roster" },
        { "key index beyond the schema", "key index 3" },
        { "no records", "empty" },
        { "records without tokens", "empty" },
        { "too many records", "at most 2" },
        { "short batch id", "batch id must be 16 bytes" },
        { "short content hash", "content hash must be 32 bytes" },
    };

    [Theory]
    [MemberData(nameof(RefusedBatches))]
    public async Task An_invalid_submission_is_refused_with_a_clear_problem_and_changes_nothing(string invalid, string expectedProblem)
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(options: bed.Options(maxBatchRecords: 2));
        var party = invalid == "unknown party" ? "XK" : "RS";
        var batch = invalid switch
        {
            "key index beyond the schema" => Batch(0, (10, [(0, 500), (3, 501)])),
            "no records" => new TokenBatch(),
            "records without tokens" => Batch(0, (10, [])),
            "too many records" => Batch(0, (10, [(0, 1)]), (11, [(0, 2)]), (12, [(0, 3)])),
            _ => Batch(0, (10, [(0, 500)])),
        };
        var batchId = invalid == "short batch id" ? new byte[8] : BatchId(1);
        var contentHash = invalid == "short content hash" ? new byte[16] : ContentHash(1);

        var outcome = await matcher.SubmitAsync(party, batchId, contentHash, batch, TestContext.Current.CancellationToken);

        Assert.Equal(SubmitStatus.Refused, outcome.Status);
        Assert.Contains(expectedProblem, outcome.Problem, StringComparison.Ordinal);
        Assert.Null(outcome.Receipt);
        Assert.All(matcher.Counts.Parties, p => Assert.Equal(0, p.Batches));
    }

    [Fact]
    public async Task A_later_batch_of_a_party_finds_hits_against_its_earlier_batches_and_others()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));
        await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(1, 600)])));

        var later = await SubmitAsync(matcher, "RS", 3, Batch(0, (11, [(1, 600)])));

        Assert.Equal(1, later.Receipt!.NewHitEvents);
        Assert.Equal(Handle(0, 11), Assert.Single(matcher.ReadHits("RS", 0, 10)).Hit.OwnHandle.ToArray());
        Assert.Equal(2, matcher.Counts.Parties[0].Batches);
    }

    [Fact]
    public async Task The_submitted_batch_object_is_left_as_it_was()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync();
        var batch = Batch(0, (10, [(0, 500)]));

        await SubmitAsync(matcher, "RS", 1, batch);

        Assert.Equal(Token(500), batch.GetToken(0).ToArray());
    }

    [Fact]
    public async Task Counts_give_hits_by_current_band_and_suppressed_tokens_only_to_the_party_that_flooded()
    {
        using var bed = InMemory();
        await using var matcher = await bed.OpenAsync(Definition(maxFanout: 2));
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(2, 500)]), (11, [(2, 700)]), (12, [(2, 700)]), (13, [(2, 700)])));
        await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(2, 500)]), (21, [(2, 700)])));

        // Lifts the RS10-BA20 hit from possible to strong: one hit, now counted under strong only.
        await SubmitAsync(matcher, "BA", 3, Batch(1, (20, [(0, 900)])));
        await SubmitAsync(matcher, "RS", 4, Batch(0, (10, [(0, 900)])));

        var counts = matcher.Counts;
        Assert.Equal((1L, 0L, 0L, 1L), (counts.StrongHits, counts.ProbableHits, counts.PossibleHits, counts.Hits));
        Assert.Equal([1L, 0L, 0L], counts.Parties.Select(p => p.SuppressedTokens));
        Assert.Equal([2L, 2L, 0L], counts.Parties.Select(p => p.HitEvents));
        Assert.Equal([5L, 3L, 0L], counts.Parties.Select(p => p.Records));
    }

    [Fact]
    public async Task Concurrent_submissions_are_all_accepted_with_distinct_log_positions_and_gapless_sequences()
    {
        using var bed = InMemory(flushLatency: TimeSpan.FromMilliseconds(1));
        await using var matcher = await bed.OpenAsync();

        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            SubmitAsync(matcher, Parties[i % 2], i, Batch(i % 2, (i, [(0, 1000 + (i / 2))])))));

        Assert.All(outcomes, o => Assert.Equal(SubmitStatus.Accepted, o.Status));
        Assert.Equal(40, outcomes.Select(o => o.Receipt!.Lsn).Distinct().Count());
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), matcher.ReadHits("RS", 0, 100).Select(e => e.Sequence));
    }
}
