using Aquila.Coordination.Audit;
using Aquila.Node.Lists;
using Aquila.Protocol.V1;
using Aquila.Security.Lists;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Server.Tests.Lists;

/// <summary>
/// Issue 24, finding 5: a query's signature is not verified and thrown away. It stays in the audit chain and in the
/// contributors' notifications with the fields it covers (schema hash included), so anyone with the signer's certificate
/// verifies it again: the querying party cannot deny a query, and a server that rewrites a notification is caught.
/// </summary>
[Collection(nameof(ServerCollection))]
public class QueryNonRepudiationTests(RestartFixture fixture) : IClassFixture<RestartFixture>
{
    private const string Future = "2031-12-31";
    private const string Person = "X,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect";
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    private async Task<ListScenario> ListWithEntryAsync()
    {
        var list = await ListScenario.OpenAsync(fixture, ["RS", "ME", "BA"], [], access: Coordination.Projects.ListAccess.Explicit);
        await list.ChangeAsync("RS", ListChangeKind.Add, "RS-1" + Person[1..] + "," + Future);
        await list.ChangeAsync("BA", ListChangeKind.Add, "BA-7,Horvat,Ana,,Ž,1975-07-21,Zagreb,HR,,,suspect," + Future);
        return list;
    }

    [Fact]
    public async Task An_answered_query_keeps_the_nodes_signature_in_the_audit_chain_and_an_auditor_verifies_it_again()
    {
        using var list = await ListWithEntryAsync();

        var answer = await list.Client("ME").QueryAsync(list.Signed("ME", Person, "CASE-NR-1", "ME-OFF-12"), Cancel);

        var entry = Assert.Single(await fixture.Server.Audit.ReadAsync(answer.AuditHead.Sequence, 1, Cancel));
        var signed = SignedQuery.FromAudit(list.Id, entry.Details, list.Node("ME").Certificate, out var problem);
        Assert.Null(problem);
        Assert.Null(signed!.Verify(list.Node("ME").Authority, "ME"));
        Assert.Equal("ME-OFF-12", signed.OfficerId);
    }

    [Fact]
    public async Task An_audit_entry_whose_officer_was_edited_no_longer_verifies()
    {
        using var list = await ListWithEntryAsync();
        var answer = await list.Client("ME").QueryAsync(list.Signed("ME", Person, "CASE-NR-2", "ME-OFF-12"), Cancel);
        var entry = Assert.Single(await fixture.Server.Audit.ReadAsync(answer.AuditHead.Sequence, 1, Cancel));
        var edited = new Dictionary<string, string>(entry.Details) { ["officer"] = "ME-OFF-99" };

        var signed = SignedQuery.FromAudit(list.Id, edited, list.Node("ME").Certificate, out _);

        Assert.NotNull(signed!.Verify(list.Node("ME").Authority, "ME"));
    }

    [Fact]
    public async Task An_audit_entry_cannot_be_pinned_on_another_partys_certificate()
    {
        using var list = await ListWithEntryAsync();
        var answer = await list.Client("ME").QueryAsync(list.Signed("ME", Person, "CASE-NR-3"), Cancel);
        var entry = Assert.Single(await fixture.Server.Audit.ReadAsync(answer.AuditHead.Sequence, 1, Cancel));

        var signed = SignedQuery.FromAudit(list.Id, entry.Details, list.Node("BA").Certificate, out var problem);

        Assert.Null(signed);
        Assert.Contains("names the signer certificate", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contributor_is_notified_with_the_signed_query_and_verifies_it_against_its_own_CA()
    {
        using var list = await ListWithEntryAsync();
        await list.Client("ME").QueryAsync(list.Signed("ME", Person, "CASE-NR-4", "ME-OFF-12"), Cancel);

        var notice = Assert.Single(await list.EventsAsync("RS"), e => e.Kind == ListHitKind.Query);
        var check = QueryHitSignature.Check(notice, list.Node("RS").Authority, list.Id);

        Assert.NotNull(check);
        Assert.True(check.Verified, check.Problem);
        Assert.Equal("ME-OFF-12", check.OfficerId);
    }

    [Fact]
    public async Task A_notification_the_server_rewrote_fails_the_contributors_check()
    {
        using var list = await ListWithEntryAsync();
        await list.Client("ME").QueryAsync(list.Signed("ME", Person, "CASE-NR-5"), Cancel);
        var notice = Assert.Single(await list.EventsAsync("RS"), e => e.Kind == ListHitKind.Query);

        // A cheating server blames another party for ME's query, or changes the case it names.
        var blamed = notice.Clone();
        blamed.OtherParty = "BA";
        var recased = notice.Clone();
        recased.CaseReference = "CASE-OTHER";

        Assert.False(QueryHitSignature.Check(blamed, list.Node("RS").Authority, list.Id)!.Verified);
        Assert.False(QueryHitSignature.Check(recased, list.Node("RS").Authority, list.Id)!.Verified);
    }

    [Fact]
    public async Task The_signed_query_survives_a_restart_of_the_server()
    {
        using var list = await ListWithEntryAsync();
        await list.Client("ME").QueryAsync(list.Signed("ME", Person, "CASE-NR-6", "ME-OFF-3"), Cancel);

        await fixture.RestartAsync();
        list.Reconnect();
        var notice = Assert.Single(await list.EventsAsync("RS"), e => e.Kind == ListHitKind.Query);

        Assert.True(QueryHitSignature.Check(notice, list.Node("RS").Authority, list.Id)!.Verified);
    }

    [Fact]
    public async Task A_query_signed_over_another_schema_hash_is_refused()
    {
        using var list = await ListWithEntryAsync();
        // Signed by the node for schema 00…00, then sent with the list's schema hash: the signature covers the schema.
        var honest = list.Signed("ME", Person, "CASE-NR-7");
        var other = list.Client("ME").Sign(list.Id, new byte[32], honest.TokenEntries.ToByteArray(), "CASE-NR-7", "officer-7");
        other.SchemaSha256 = ByteString.CopyFrom(ListScenario.Schema.Span);

        var refused = await Assert.ThrowsAsync<RpcException>(() => list.Client("ME").QueryAsync(other, Cancel));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("signature", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_no_hit_query_keeps_its_signature_in_the_audit_chain_too()
    {
        using var list = await ListWithEntryAsync();

        var answer = await list.Client("RS").QueryAsync(list.Signed("RS", "X,Nobody,Known,,M,1960-01-02,,RS,,,other", "CASE-NR-8"), Cancel);

        Assert.False(answer.Hit);
        var entry = Assert.Single(await fixture.Server.Audit.ReadAsync(answer.AuditHead.Sequence, 1, Cancel));
        Assert.Equal(AuditKind.Query, entry.Kind);
        var signed = SignedQuery.FromAudit(list.Id, entry.Details, list.Node("RS").Certificate, out _);
        Assert.Null(signed!.Verify(list.Node("RS").Authority, "RS"));
    }
}
