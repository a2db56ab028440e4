using System.Security.Cryptography.X509Certificates;
using Aquila.Coordination.Audit;
using Aquila.Protocol.V1;
using Aquila.Security;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Server.Tests.Lists;

/// <summary>
/// A joint list over mutual TLS: three contributors build it (duplicates reported to both), a fourth party is refused
/// under reciprocity, contributors query hit / no-hit with signed queries, and every kind of bad query is refused.
/// </summary>
[Collection(nameof(ServerCollection))]
public class JointListTests(RestartFixture fixture) : IClassFixture<RestartFixture>
{
    private const string Future = "2031-12-31";
    private const string Stojanovic = "X,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect";
    private const string Stranger = "X,Horvat,Ana,,Ž,1975-07-21,Zagreb,HR,,,other";

    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly string[] Contributors = ["RS", "BA", "ME"];

    private static string Entry(string id, string person, string review = Future) => id + person[1..] + "," + review;

    private async Task<ListScenario> JointListAsync(long quota = 10_000)
    {
        var list = await ListScenario.OpenAsync(fixture, Contributors, ["AL"], quota);
        await list.ChangeAsync("RS", ListChangeKind.Add, Entry("RS-1", "X,Стојановић,Милош,Драган,М,04.05.1982.,Ниш,RS,,,suspect"),
            Entry("RS-2", "X,Marković,Jelena,,Ž,1990-02-03,Beograd,RS,,,person_of_interest"));
        await list.ChangeAsync("BA", ListChangeKind.Add, Entry("BA-1", Stojanovic));
        await list.ChangeAsync("ME", ListChangeKind.Add, Entry("ME-1", "X,Kovač,Petra,,Ž,1991-10-10,,ME,,,suspect"));
        return list;
    }

    [Fact]
    public async Task Three_contributors_build_a_joint_list_and_a_duplicate_across_contributors_is_reported_to_both()
    {
        using var list = await JointListAsync();

        var rs = await list.EventsAsync("RS");
        var ba = await list.EventsAsync("BA");
        var me = await list.EventsAsync("ME");

        var rsHit = Assert.Single(rs);
        var baHit = Assert.Single(ba);
        Assert.Empty(me);
        Assert.Equal(ListHitKind.Duplicate, rsHit.Kind);
        Assert.Equal("BA", rsHit.OtherParty);
        Assert.Equal("RS", baHit.OtherParty);
        Assert.Equal(rsHit.HitId, baHit.HitId);
        Assert.Equal(Band.Strong, rsHit.Band);
        Assert.Equal("RS-1", list.RecordIdOf("RS", rsHit.OwnHandle));
        Assert.Equal("BA-1", list.RecordIdOf("BA", baHit.OwnHandle));
    }

    [Fact]
    public async Task A_party_that_contributes_nothing_is_refused_under_reciprocity_and_the_refusal_is_audited()
    {
        using var list = await JointListAsync();
        var before = fixture.Server.AuditHead.Sequence;

        var refused = await Assert.ThrowsAsync<RpcException>(() => list.QueryAsync("AL", Stojanovic));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("reciprocity", refused.Status.Detail, StringComparison.Ordinal);
        var entries = await fixture.Server.Audit.ReadAsync(before + 1, 10, Cancel);
        Assert.Contains(entries, e => e.Kind == AuditKind.AuthDenied && e.ProjectId == list.Id);
    }

    [Fact]
    public async Task A_contributor_querying_a_listed_person_gets_a_hit_naming_the_contributors_who_are_notified()
    {
        using var list = await JointListAsync();

        var answer = await list.QueryAsync("ME", Stojanovic, "CASE-2026-17");

        Assert.True(answer.Hit);
        Assert.Equal(["BA", "RS"], answer.Hits.Select(h => h.Contributor).Order());
        Assert.All(answer.Hits, h => Assert.Equal(Band.Strong, h.Band));
        var notice = Assert.Single(await list.EventsAsync("RS"), e => e.Kind == ListHitKind.Query);
        Assert.Equal("ME", notice.OtherParty);
        Assert.Equal("CASE-2026-17", notice.CaseReference);
        Assert.Equal("RS-1", list.RecordIdOf("RS", notice.OwnHandle));
        Assert.Equal(answer.Hits.Single(h => h.Contributor == "RS").HitId, notice.HitId);
    }

    [Fact]
    public async Task A_person_not_on_the_list_is_a_no_hit_and_the_query_is_audited_without_tokens()
    {
        using var list = await JointListAsync();
        var before = fixture.Server.AuditHead.Sequence;

        var answer = await list.QueryAsync("RS", Stranger, "CASE-9");

        Assert.False(answer.Hit);
        Assert.Empty(answer.Hits);
        var entry = Assert.Single(await fixture.Server.Audit.ReadAsync(before + 1, 10, Cancel), e => e.Kind == AuditKind.Query);
        Assert.Equal("no-hit", entry.Details["outcome"]);
        Assert.Equal("CASE-9", entry.Details["case_reference"]);
        Assert.Equal(answer.AuditHead.Sequence, entry.Sequence);
    }

    [Fact]
    public async Task A_query_over_the_daily_quota_is_refused_as_resource_exhausted()
    {
        var perQuery = ListScenario.TokenCount(Stranger);
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], [], quota: perQuery + (perQuery / 2),
            access: Coordination.Projects.ListAccess.Explicit);
        await list.QueryAsync("RS", Stranger);

        var refused = await Assert.ThrowsAsync<RpcException>(() => list.QueryAsync("RS", Stranger, "CASE-2"));

        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);
        Assert.Contains("quota", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_without_a_case_reference_is_refused()
    {
        using var list = await JointListAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => list.QueryAsync("RS", Stranger, ""));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("case reference", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_with_three_tokens_under_one_key_id_is_refused()
    {
        using var list = await JointListAsync();
        var tokens = new byte[3 * 17];
        tokens[17] = 0;
        tokens[34] = 0;
        Random.Shared.NextBytes(tokens.AsSpan(1, 16));
        Random.Shared.NextBytes(tokens.AsSpan(18, 16));
        Random.Shared.NextBytes(tokens.AsSpan(35, 16));

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            list.Client("RS").QueryAsync(list.Client("RS").Sign(list.Id, ListScenario.Schema, tokens, "CASE-3", "officer-7"), Cancel));

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("at most 2 tokens per key id", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_made_with_another_schema_is_refused()
    {
        using var list = await JointListAsync();
        var query = list.Signed("RS", Stranger);
        query.SchemaSha256 = ByteString.CopyFrom(new byte[32]);

        var refused = await Assert.ThrowsAsync<RpcException>(() => list.Client("RS").QueryAsync(query, Cancel));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("schema", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_signed_query_is_refused()
    {
        using var list = await JointListAsync();
        var query = list.Signed("RS", Stranger);
        await list.Client("RS").QueryAsync(query, Cancel);

        var refused = await Assert.ThrowsAsync<RpcException>(() => list.Client("RS").QueryAsync(query, Cancel));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("already received", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_query_whose_case_reference_was_changed_after_signing_is_refused()
    {
        using var list = await JointListAsync();
        var query = list.Signed("RS", Stojanovic, "CASE-1");
        query.CaseReference = "CASE-OTHER";

        var refused = await Assert.ThrowsAsync<RpcException>(() => list.Client("RS").QueryAsync(query, Cancel));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("signature", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_entry_past_its_review_date_does_not_hit_until_it_is_confirmed_again()
    {
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], [], access: Coordination.Projects.ListAccess.Explicit);
        var yesterday = DateTime.UtcNow.AddDays(-1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        await list.ChangeAsync("BA", ListChangeKind.Add, Entry("BA-1", Stojanovic, yesterday));

        var lapsed = await list.QueryAsync("RS", Stojanovic, "CASE-A");
        await list.ChangeAsync("BA", ListChangeKind.Add, Entry("BA-1", Stojanovic));
        var confirmed = await list.QueryAsync("RS", Stojanovic, "CASE-B");

        Assert.False(lapsed.Hit);
        Assert.True(confirmed.Hit);
    }

    [Fact]
    public async Task Removed_and_replaced_entries_no_longer_hit()
    {
        using var list = await JointListAsync();

        var removed = await list.RemoveAsync("BA", "BA-1");
        var afterRemove = await list.QueryAsync("ME", Stojanovic, "CASE-R1");
        var replaced = await list.ChangeAsync("RS", ListChangeKind.Replace, Entry("RS-9", "X,Kovač,Petra,,Ž,1991-10-10,,ME,,,suspect"));
        var afterReplace = await list.QueryAsync("ME", Stojanovic, "CASE-R2");

        Assert.Equal(1, removed.Removed);
        Assert.Equal(0, removed.Entries);
        Assert.Equal("RS", Assert.Single(afterRemove.Hits).Contributor);
        Assert.Equal(2, replaced.Removed);
        Assert.Equal(1, replaced.Entries);
        Assert.False(afterReplace.Hit);
    }

    [Fact]
    public async Task A_restarted_server_keeps_the_list_and_the_notification_sequences()
    {
        using var list = await JointListAsync();
        await list.QueryAsync("ME", Stojanovic, "CASE-5");
        var before = await list.EventsAsync("RS");

        await fixture.RestartAsync();
        list.Reconnect();
        var after = await list.EventsAsync("RS");
        var answer = await list.QueryAsync("ME", Stojanovic, "CASE-6");

        Assert.Equal(before.Select(e => (e.Sequence, e.HitId, e.Kind)), after.Select(e => (e.Sequence, e.HitId, e.Kind)));
        Assert.True(answer.Hit);
    }

    [Fact]
    public async Task Concurrent_hits_keep_their_notification_sequences_across_a_restart()
    {
        using var list = await JointListAsync();
        await Task.WhenAll(Enumerable.Range(0, 24).Select(i => list.QueryAsync(i % 2 == 0 ? "ME" : "RS", Stojanovic, "CASE-Q" + i)));
        var before = await list.EventsAsync("BA");

        await fixture.RestartAsync();
        list.Reconnect();
        var after = await list.EventsAsync("BA");

        Assert.Equal(Enumerable.Range(1, before.Count).Select(i => (long)i), before.Select(e => e.Sequence));
        Assert.Equal(before.Select(e => (e.Sequence, e.HitId, e.Kind, e.CaseReference)), after.Select(e => (e.Sequence, e.HitId, e.Kind, e.CaseReference)));
        Assert.Equal(24, before.Count(e => e.Kind == ListHitKind.Query));
    }

    [Fact]
    public async Task The_coordinator_closes_a_list_from_open_and_a_closed_list_takes_no_queries()
    {
        using var list = await JointListAsync();
        var coordinator = list.Coordinator();

        var matching = await Assert.ThrowsAsync<RpcException>(() =>
            coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = list.Id, Action = "start_matching" }, cancellationToken: Cancel).ResponseAsync);
        var closed = await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = list.Id, Action = "close" }, cancellationToken: Cancel);
        var late = await Assert.ThrowsAsync<RpcException>(() => list.QueryAsync("RS", Stojanovic));

        Assert.Equal(StatusCode.FailedPrecondition, matching.StatusCode);
        Assert.Equal("closed", closed.State);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
    }

    [Fact]
    public async Task Queries_right_after_the_list_is_closed_are_refused_although_the_query_before_was_answered()
    {
        using var list = await JointListAsync();
        var answered = await list.QueryAsync("ME", Stojanovic, "CASE-C1");

        await list.Coordinator().AdvanceAsync(new AdvanceRequest { ProjectId = list.Id, Action = "close" }, cancellationToken: Cancel);
        var refused = await Task.WhenAll(Enumerable.Range(0, 4).Select(i =>
            Assert.ThrowsAsync<RpcException>(() => list.QueryAsync("ME", Stojanovic, "CASE-C" + (i + 2)))));

        Assert.True(answered.Hit);
        Assert.All(refused, e => Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode));
    }

    [Fact]
    public async Task A_certificate_revoked_after_its_first_query_is_refused_on_the_next_one_over_the_same_connection()
    {
        using var list = await JointListAsync();
        var directory = fixture.Pki.IssueIdentity("ME", PartyRole.Node, "revoke-" + Guid.NewGuid().ToString("N")[..6]);
        list.UseIdentity("ME", directory);
        var answered = await list.QueryAsync("ME", Stojanovic, "CASE-R1");

        var path = Directory.GetFiles(directory, "*.crt.pem").Single(f => Path.GetFileName(f) != "ca.crt.pem");
        using (var certificate = X509CertificateLoader.LoadCertificateFromFile(path))
        {
            fixture.Pki.Authority.Revoke(certificate);
        }

        var refused = await Assert.ThrowsAsync<RpcException>(() => list.QueryAsync("ME", Stojanovic, "CASE-R2"));

        Assert.True(answered.Hit);
        Assert.Equal(StatusCode.Unauthenticated, refused.StatusCode);
    }

    [Fact]
    public async Task A_party_sending_many_near_identical_queries_raises_a_scanning_alert_in_the_audit_chain()
    {
        using var list = await JointListAsync();
        var before = fixture.Server.AuditHead.Sequence;
        var limit = fixture.Options.Lists.ScanningQueries;
        fixture.Options.Lists.ScanningQueries = 3;
        try
        {
            // The same name and date of birth, the place of birth walked through: most tokens repeat.
            foreach (var place in new[] { "Niš", "Beograd", "Novi Sad", "Kragujevac", "Subotica", "Zrenjanin" })
            {
                await list.QueryAsync("ME", $"X,Stojanović,Miloš,Dragan,M,1982-05-04,{place},SRB,,,suspect", "CASE-S");
            }
        }
        finally
        {
            fixture.Options.Lists.ScanningQueries = limit;
        }

        var alert = Assert.Single(await fixture.Server.Audit.ReadAsync(before + 1, 100, Cancel), e => e.Kind == AuditKind.Alert);
        Assert.Equal("query-scanning", alert.Details["alert"]);
        Assert.Equal(list.Id, alert.ProjectId);
    }

    [Fact]
    public async Task Purging_a_closed_list_shreds_its_key_and_log()
    {
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], [], access: Coordination.Projects.ListAccess.Explicit, ended: true);
        await list.ChangeAsync("RS", ListChangeKind.Add, Entry("RS-1", Stojanovic));
        await list.QueryAsync("BA", Stojanovic, "CASE-P");
        var coordinator = list.Coordinator();
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = list.Id, Action = "close" }, cancellationToken: Cancel);
        var directory = Path.Combine(fixture.Options.DataDirectory, "projects", list.Id, "list");
        var keyFile = Path.Combine(fixture.Options.KeyDirectory, "projects", list.Id + ".key");
        Assert.True(Directory.Exists(directory) && File.Exists(keyFile));

        var purged = await coordinator.PurgeAsync(new ProjectRef { ProjectId = list.Id }, cancellationToken: Cancel);
        var afterwards = await Assert.ThrowsAsync<RpcException>(() => list.EventsAsync("RS"));

        Assert.Equal("purged", purged.State);
        Assert.False(Directory.Exists(directory), "the list's log survived the purge");
        Assert.False(File.Exists(keyFile), "the list's data key survived the purge");
        Assert.Equal(StatusCode.FailedPrecondition, afterwards.StatusCode);
    }
}
