using Aquila.Coordination.Audit;
using Aquila.Node.Lists;
using Aquila.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Server.Tests.Lists;

/// <summary>
/// Bulk checks over mutual TLS (issue 21, item 2): many persons in one signed, streamed call, each answered as a single
/// query would be, counted against the quota and audited on its own; a party that may not query, a tampered, reordered,
/// spliced or replayed stream are refused and audited.
/// </summary>
[Collection(nameof(ServerCollection))]
public class BulkCheckTests(RestartFixture fixture) : IClassFixture<RestartFixture>
{
    private const string Future = "2031-12-31";
    private const string Stojanovic = "X,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect";
    private const string Markovic = "X,Marković,Jelena,,Ž,1990-02-03,Beograd,RS,,,person_of_interest";
    private const string Kovac = "X,Kovač,Petra,,Ž,1991-10-10,,ME,,,suspect";
    private const string Stranger = "X,Horvat,Ana,,Ž,1975-07-21,Zagreb,HR,,,other";

    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    private static string Entry(string id, string person) => id + person[1..] + "," + Future;

    private async Task<ListScenario> JointListAsync(long quota = 100_000)
    {
        var list = await ListScenario.OpenAsync(fixture, ["RS", "BA", "ME"], ["AL"], quota);
        await list.ChangeAsync("RS", ListChangeKind.Add, Entry("RS-1", Stojanovic), Entry("RS-2", Markovic));
        await list.ChangeAsync("BA", ListChangeKind.Add, Entry("BA-1", Stojanovic));
        await list.ChangeAsync("ME", ListChangeKind.Add, Entry("ME-1", Kovac));
        return list;
    }

    private static byte[][] Persons(ListScenario list, string party, params string[] rows) =>
        [.. rows.Select(r => list.Signed(party, r).TokenEntries.ToByteArray())];

    internal static async Task<(List<CheckAnswer> Answers, RpcException? Failure)> SendAsync(BulkCheckClient client, CheckHeader header,
        IReadOnlyList<CheckChunk> chunks)
    {
        var answers = new List<CheckAnswer>();
        var failure = await client.SendAsync(header, chunks, r => answers.AddRange(r.Answers), Cancel);
        return (answers, failure);
    }

    private async Task<List<AuditEntry>> EntriesAfterAsync(long sequence) => [.. await fixture.Server.Audit.ReadAsync(sequence + 1, 100_000, Cancel)];

    [Fact]
    public async Task Each_person_of_a_bulk_check_gets_the_answer_a_single_query_gives()
    {
        using var list = await JointListAsync();
        string[] rows = [Stojanovic, Stranger, Markovic, Kovac];
        var bulk = list.BulkClient("ME", chunkPersons: 3);

        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, Persons(list, "ME", rows), "CASE-B1", "ME-OFF-1");
        var (answers, failure) = await SendAsync(bulk, header, chunks);

        Assert.Null(failure);
        Assert.Equal(rows.Length, answers.Count);
        for (var i = 0; i < rows.Length; i++)
        {
            var single = await list.QueryAsync("ME", rows[i], "CASE-B1");
            Assert.Equal(single.Hit ? CheckOutcome.Hit : CheckOutcome.NoHit, answers[i].Outcome);
            Assert.Equal(single.Hits.Select(h => (h.HitId, h.Contributor, h.Band, string.Join(';', h.AgreeingKeys))),
                answers[i].Hits.Select(h => (h.HitId, h.Contributor, h.Band, string.Join(';', h.AgreeingKeys))));
        }

        Assert.Equal(CheckOutcome.Hit, answers[0].Outcome);
        Assert.Equal(["BA", "RS"], answers[0].Hits.Select(h => h.Contributor).Order());
        Assert.Equal(CheckOutcome.NoHit, answers[1].Outcome);
        Assert.Equal(CheckOutcome.NoHit, answers[3].Outcome); // a querying contributor never hits its own entries
    }

    [Fact]
    public async Task Every_person_has_its_own_audit_entry_and_the_chain_still_verifies()
    {
        using var list = await JointListAsync();
        var before = fixture.Server.AuditHead.Sequence;
        var bulk = list.BulkClient("ME", chunkPersons: 2);
        var persons = Persons(list, "ME", Stojanovic, Stranger, Markovic, Kovac, Stranger);

        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, persons, "CASE-B2", "ME-OFF-2");
        var (answers, failure) = await SendAsync(bulk, header, chunks);

        Assert.Null(failure);
        var call = Convert.ToHexStringLower(header.Nonce.Span);
        var entries = (await EntriesAfterAsync(before)).Where(e => e.Details.GetValueOrDefault("bulk_check") == call).ToList();
        Assert.Equal(persons.Length, entries.Count);
        Assert.All(entries, e => Assert.Equal(AuditKind.Query, e.Kind));
        Assert.Equal(["1", "2", "3", "4", "5"], entries.Select(e => e.Details["person"]));
        Assert.Equal(answers.Select(a => a.AuditSequence), entries.Select(e => e.Sequence));
        Assert.Equal(3, entries.Count(e => e.Details.ContainsKey("chunk_signature")));
        Assert.Equal("hit", entries[0].Details["outcome"]);
        Assert.Equal("ME-OFF-2", entries[4].Details["officer"]);
        Assert.True((await fixture.Server.Audit.VerifyAsync(null, Cancel)).IsValid);
    }

    [Fact]
    public async Task Past_the_quota_the_remaining_persons_are_refused_and_each_still_gets_an_answer_and_an_audit_entry()
    {
        var tokens = ListScenario.TokenCount(Stranger);
        using var list = await JointListAsync(quota: 3 * tokens);
        var before = fixture.Server.AuditHead.Sequence;
        var bulk = list.BulkClient("ME", chunkPersons: 4);
        var persons = Persons(list, "ME", Enumerable.Repeat(Stranger, 10).ToArray());

        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, persons, "CASE-B3", "ME-OFF-3");
        var (answers, failure) = await SendAsync(bulk, header, chunks);

        Assert.Null(failure);
        Assert.Equal(10, answers.Count);
        Assert.All(answers.Take(3), a => Assert.Equal(CheckOutcome.NoHit, a.Outcome));
        Assert.All(answers.Skip(3), a => Assert.Equal((CheckOutcome.Refused, "quota"), (a.Outcome, a.Refusal)));
        var call = Convert.ToHexStringLower(header.Nonce.Span);
        var entries = (await EntriesAfterAsync(before)).Where(e => e.Details.GetValueOrDefault("bulk_check") == call).ToList();
        Assert.Equal(10, entries.Count);
        Assert.Equal(7, entries.Count(e => e.Details["outcome"] == "refused"));
    }

    [Fact]
    public async Task A_party_that_may_not_query_the_list_is_refused_and_the_refusal_is_audited()
    {
        using var list = await JointListAsync();
        var before = fixture.Server.AuditHead.Sequence;
        var bulk = list.BulkClient("AL");

        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, Persons(list, "AL", Stojanovic), "CASE-B4", "AL-OFF-1");
        var (answers, failure) = await SendAsync(bulk, header, chunks);

        Assert.Empty(answers);
        Assert.Equal(StatusCode.PermissionDenied, failure!.StatusCode);
        Assert.Contains("reciprocity", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(await EntriesAfterAsync(before), e => e.Kind == AuditKind.AuthDenied && e.ProjectId == list.Id);
    }

    [Fact]
    public async Task A_chunk_altered_after_signing_is_refused_the_chunks_before_it_stand_and_the_refusal_is_audited()
    {
        using var list = await JointListAsync();
        var before = fixture.Server.AuditHead.Sequence;
        var bulk = list.BulkClient("ME", chunkPersons: 2);
        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, Persons(list, "ME", Stranger, Kovac, Stojanovic, Markovic), "CASE-B5", "ME-OFF-5");
        var altered = chunks[1].Persons[0].ToByteArray();
        altered[5] ^= 1;
        chunks[1].Persons[0] = ByteString.CopyFrom(altered);

        var (answers, failure) = await SendAsync(bulk, header, chunks);

        Assert.Equal(2, answers.Count);
        Assert.Equal(StatusCode.PermissionDenied, failure!.StatusCode);
        Assert.Contains("chunk 1", failure.Status.Detail, StringComparison.Ordinal);
        Assert.Contains(await EntriesAfterAsync(before), e => e.Kind == AuditKind.Query && e.Details.GetValueOrDefault("outcome") == "refused"
            && e.Details.GetValueOrDefault("case_reference") == "CASE-B5");
    }

    [Fact]
    public async Task A_replayed_call_is_refused()
    {
        using var list = await JointListAsync();
        var bulk = list.BulkClient("ME");
        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, Persons(list, "ME", Stranger), "CASE-B6", "ME-OFF-6");
        var (_, first) = await SendAsync(bulk, header, chunks);

        var (answers, replay) = await SendAsync(bulk, header, chunks);

        Assert.Null(first);
        Assert.Empty(answers);
        Assert.Equal(StatusCode.PermissionDenied, replay!.StatusCode);
        Assert.Contains("already received", replay.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_sent_twice_or_taken_from_another_call_is_refused()
    {
        using var list = await JointListAsync();
        var bulk = list.BulkClient("ME", chunkPersons: 1);
        var persons = Persons(list, "ME", Stranger, Kovac);
        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, persons, "CASE-B7", "ME-OFF-7");
        var (otherHeader, otherChunks) = bulk.Prepare(list.Id, ListScenario.Schema, persons, "CASE-B7", "ME-OFF-7");

        var (repeatedAnswers, repeated) = await SendAsync(bulk, header, [chunks[0], chunks[0]]);
        var (splicedAnswers, spliced) = await SendAsync(bulk, otherHeader, [otherChunks[0], chunks[1]]);

        Assert.Single(repeatedAnswers);
        Assert.Equal(StatusCode.PermissionDenied, repeated!.StatusCode);
        Assert.Single(splicedAnswers);
        Assert.Equal(StatusCode.PermissionDenied, spliced!.StatusCode);
        Assert.Contains("signature of chunk 1", spliced.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_header_whose_case_reference_was_changed_after_signing_is_refused()
    {
        using var list = await JointListAsync();
        var bulk = list.BulkClient("ME");
        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, Persons(list, "ME", Stranger), "CASE-B8", "ME-OFF-8");
        header.CaseReference = "CASE-OTHER";

        var (answers, failure) = await SendAsync(bulk, header, chunks);

        Assert.Empty(answers);
        Assert.Equal(StatusCode.PermissionDenied, failure!.StatusCode);
        Assert.Contains("header signature", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_chunk_over_the_limit_is_refused_with_a_clear_message()
    {
        using var list = await JointListAsync();
        var bulk = list.BulkClient("ME", chunkPersons: fixture.Options.Lists.MaxCheckChunkPersons + 1);
        var person = Persons(list, "ME", Stranger)[0];
        var persons = Enumerable.Repeat(person, fixture.Options.Lists.MaxCheckChunkPersons + 1).ToArray();

        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, persons, "CASE-B9", "ME-OFF-9");
        var (answers, failure) = await SendAsync(bulk, header, chunks);

        Assert.Empty(answers);
        Assert.Equal(StatusCode.InvalidArgument, failure!.StatusCode);
        Assert.Contains("a chunk holds 1 to", failure.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contributor_hit_by_a_bulk_check_verifies_who_asked_for_which_case()
    {
        using var list = await JointListAsync();
        var bulk = list.BulkClient("ME");
        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, Persons(list, "ME", Stranger, Markovic), "CASE-B10", "ME-OFF-10");

        var (_, failure) = await SendAsync(bulk, header, chunks);

        Assert.Null(failure);
        var notice = Assert.Single(await list.EventsAsync("RS"), e => e.Kind == ListHitKind.Query && e.CaseReference == "CASE-B10");
        var check = QueryHitSignature.Check(notice, list.Node("RS").Authority, list.Id);
        Assert.True(check!.Verified, check.Problem);
        Assert.Equal("ME-OFF-10", check.OfficerId);
    }

    [Fact]
    public async Task The_hits_of_a_bulk_check_reach_the_contributors_once_each_and_survive_a_restart()
    {
        using var list = await JointListAsync();
        var bulk = list.BulkClient("ME", chunkPersons: 2);
        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, Persons(list, "ME", Stojanovic, Stranger, Markovic, Stojanovic), "CASE-B11", "ME-OFF-11");
        var (answers, failure) = await SendAsync(bulk, header, chunks);
        var before = await list.EventsAsync("RS");

        await fixture.RestartAsync();
        list.Reconnect();
        var after = await list.EventsAsync("RS");

        Assert.Null(failure);
        var queryHits = before.Where(e => e.Kind == ListHitKind.Query && e.CaseReference == "CASE-B11").ToList();
        // Persons 1, 3 and 4 hit RS's entries; persons 1 and 4 are the same person asked in the same case, which notifies
        // RS once (one notification per case and entry).
        Assert.Equal(2, queryHits.Count);
        Assert.Equal(answers.Where(a => a.Outcome == CheckOutcome.Hit).SelectMany(a => a.Hits).Where(h => h.Contributor == "RS").Select(h => h.HitId)
            .Distinct(), queryHits.Select(e => e.HitId));
        Assert.Equal(before.Select(e => (e.Sequence, e.HitId, e.Kind, e.CaseReference)), after.Select(e => (e.Sequence, e.HitId, e.Kind, e.CaseReference)));
    }
}
