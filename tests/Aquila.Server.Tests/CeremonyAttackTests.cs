using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Security.Ceremony;
using Aquila.Security.Pki;
using Aquila.Tokens.Keys;
using Google.Protobuf;
using Grpc.Core;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Server.Tests;

/// <summary>
/// Key-ceremony attacks through the real Coordination service over mutual TLS: impersonation at the relay (refused
/// and audited by the server), and what only the nodes can catch — a registration signed with another party's key,
/// a share replayed from an earlier run, a sock-puppet party added by the coordinator. Rows of the misuse matrix in
/// docs/security-tests.md.
/// </summary>
[Collection(nameof(ServerCollection))]
public class CeremonyAttackTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly string[] Agreed = ["RS", "BA", "ME"];

    [Fact]
    public async Task A_node_claiming_to_be_another_party_in_a_ceremony_message_is_refused_and_audited()
    {
        using var run = await CeremonyProjectAsync(Agreed);
        var before = fixture.Server.AuditHead.Sequence;

        var refused = await Assert.ThrowsAsync<RpcException>(() => run.Coordination("RS").PostCeremonyMessageAsync(new CeremonyMessage
        {
            ProjectId = run.Id, Stage = CeremonyStage.Registration, FromParty = "BA", Body = ByteString.CopyFromUtf8("forged"),
        }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("cannot claim to come from party BA", refused.Status.Detail, StringComparison.Ordinal);
        var entry = Assert.Single(AuditEntriesAfter(before));
        Assert.Equal(("auth.denied", "RS/node", run.Id), (entry.Kind, entry.Actor, entry.Project));
        Assert.Contains("PostCeremonyMessage", entry.Details, StringComparison.Ordinal);
        Assert.Empty((await run.Coordination("BA").GetCeremonyMessagesAsync(
            new CeremonyMessagesRequest { ProjectId = run.Id, Stage = CeremonyStage.Registration }, cancellationToken: Cancel)).Messages);
    }

    [Theory]
    [InlineData("AL")]
    [InlineData("RS-analyst")]
    [InlineData("coordinator")]
    public async Task Only_nodes_of_invited_parties_may_post_to_the_relay_and_every_refusal_is_audited(string caller)
    {
        using var run = await CeremonyProjectAsync(Agreed);
        var before = fixture.Server.AuditHead.Sequence;
        var client = caller == "coordinator" ? run.Coordinator : run.Connect(caller);

        var refused = await Assert.ThrowsAsync<RpcException>(() => client.PostCeremonyMessageAsync(new CeremonyMessage
        {
            ProjectId = run.Id, Stage = CeremonyStage.Registration, Body = ByteString.CopyFromUtf8("x"),
        }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("only a node of a party invited", refused.Status.Detail, StringComparison.Ordinal);
        var entry = Assert.Single(AuditEntriesAfter(before));
        Assert.Equal(("auth.denied", run.Id), (entry.Kind, entry.Project));
    }

    [Fact]
    public async Task A_registration_signed_with_another_partys_key_stops_every_honest_node_and_the_project_cannot_open()
    {
        using var run = await CeremonyProjectAsync(Agreed);
        using var rs = run.Participant("RS");
        using var baKey = run.Nodes["BA"].Certificate.GetECDsaPrivateKey()!;
        var genuine = rs.CreateRegistration();
        var forged = new Registration(genuine.ProjectId, "RS", genuine.CeremonyPublicKey, genuine.Certificate,
            baKey.SignData(genuine.SignedData(), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
        await run.PostAsync("RS", CeremonyStage.Registration, forged.ToBytes());

        var honest = await Task.WhenAll(new[] { "BA", "ME" }.Select(party => Assert.ThrowsAsync<CeremonyException>(() => run.Runner(party).RunAsync(run.Id, Cancel))));
        var open = await Assert.ThrowsAsync<RpcException>(() => run.AdvanceAsync("open"));

        Assert.All(honest, e => Assert.Equal((CeremonyFailureKind.BadSignature, "RS"), (e.Kind, e.Party)));
        Assert.Equal(StatusCode.FailedPrecondition, open.StatusCode);
        Assert.Contains("have not confirmed the key ceremony", open.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_share_replayed_from_an_earlier_ceremony_run_is_refused_by_the_node_it_is_addressed_to()
    {
        using var run = await CeremonyProjectAsync(Agreed);
        foreach (var result in await Task.WhenAll(Agreed.Select(p => run.Runner(p).RunAsync(run.Id, Cancel))))
        {
            result.Dispose();
        }

        // What RS sent ME in the first run; the coordinator then starts the ceremony again (fresh keys for everyone).
        var oldShare = (await run.Coordination("ME").GetCeremonyMessagesAsync(
            new CeremonyMessagesRequest { ProjectId = run.Id, Stage = CeremonyStage.Share }, cancellationToken: Cancel)).Messages.Single(m => m.FromParty == "RS");
        await run.AdvanceAsync("start_ceremony");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var ba = run.Runner("BA").RunAsync(run.Id, stop.Token);
        var me = run.Runner("ME").RunAsync(run.Id, stop.Token);

        // RS registers afresh and sends BA a fresh share, but replays its old share to ME.
        using var rs = run.Participant("RS");
        await run.PostAsync("RS", CeremonyStage.Registration, rs.CreateRegistration().ToBytes());
        rs.AcceptRoster([.. (await run.WaitForAsync("RS", CeremonyStage.Registration, 3)).Select(m => Registration.Parse(m.Body.Span))]);
        foreach (var share in rs.CreateShares())
        {
            await run.PostAsync("RS", CeremonyStage.Share, share.To == "ME" ? oldShare.Body.ToByteArray() : share.ToBytes(), share.To);
        }

        var refused = await Assert.ThrowsAsync<CeremonyException>(() => me);
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => ba);
        var open = await Assert.ThrowsAsync<RpcException>(() => run.AdvanceAsync("open"));

        Assert.Equal((CeremonyFailureKind.TranscriptMismatch, "RS"), (refused.Kind, refused.Party));
        Assert.Contains("replayed from another ceremony", refused.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, open.StatusCode);
    }

    [Fact]
    public async Task A_sock_puppet_party_added_by_the_coordinator_is_refused_by_nodes_that_know_the_agreed_parties()
    {
        using var run = await CeremonyProjectAsync([.. Agreed, "AL"]);

        var refusals = await Task.WhenAll(Agreed.Select(party =>
            Assert.ThrowsAsync<CeremonyException>(() => run.Runner(party, expected: Agreed).RunAsync(run.Id, Cancel))));
        var registrations = (await run.Coordination("AL").GetCeremonyMessagesAsync(
            new CeremonyMessagesRequest { ProjectId = run.Id, Stage = CeremonyStage.Registration }, cancellationToken: Cancel)).Messages;

        Assert.All(refusals, e => Assert.Equal((CeremonyFailureKind.UnexpectedParty, "AL"), (e.Kind, e.Party)));
        Assert.Contains("the coordinator added a party", refusals[0].Message, StringComparison.Ordinal);
        Assert.Empty(registrations);
    }

    [Fact]
    public async Task Without_the_agreed_parties_a_sock_puppet_goes_unnoticed_by_fingerprints_but_shows_in_the_roster()
    {
        using var run = await CeremonyProjectAsync([.. Agreed, "AL"]);

        var results = await Task.WhenAll(new[] { "RS", "BA", "ME", "AL" }.Select(p => run.Runner(p).RunAsync(run.Id, Cancel)));

        // Every node derives the same key and fingerprint: comparing fingerprints alone cannot reveal a party added for
        // everyone. The roster every node reports (and `aquila node join` prints) names the extra party.
        Assert.Single(results.Select(r => r.Fingerprint).Distinct());
        Assert.All(results, r => Assert.Contains("AL", r.Parties));
        foreach (var result in results)
        {
            result.Dispose();
        }
    }

    private async Task<CeremonyRun> CeremonyProjectAsync(string[] parties)
    {
        var run = new CeremonyRun(fixture, "cer-" + Guid.NewGuid().ToString("N")[..10]);
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var project = new MatchingProject
        {
            Id = run.Id,
            ActionPlan = new ActionPlanEntry { Title = "Ceremony attack test", Objective = "Test.", LegalBasisReference = "test", LeadPartner = "PCC" },
            Timeline = new ProjectTimeline(start, start.AddDays(30), start.AddDays(60), start.AddDays(90)),
            SchemaHash = MatchKeySchema.Default.HashHex,
            Parties = [.. parties.Select(p => new InvitedParty(p, 100, "Police " + p))],
            HitSharingLegalBasis = "test",
            AllowedCategories = [DataSubjectCategory.Suspect],
        };
        await run.Coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(project) }, cancellationToken: Cancel);
        await run.AdvanceAsync("start_ceremony");
        return run;
    }

    private List<(string Kind, string Actor, string? Project, string Details)> AuditEntriesAfter(long sequence)
    {
        var path = Path.Combine(fixture.Options.DataDirectory, "audit.db");
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT kind, actor, project_id, details FROM audit_entries WHERE sequence > $after ORDER BY sequence";
        command.Parameters.AddWithValue("$after", sequence);
        using var reader = command.ExecuteReader();
        var entries = new List<(string, string, string?, string)>();
        while (reader.Read())
        {
            entries.Add((reader.GetString(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetString(2), reader.GetString(3)));
        }

        return entries;
    }

    /// <summary>One project in its key ceremony: the coordinator's and every node's channels.</summary>
    private sealed class CeremonyRun : IDisposable
    {
        private readonly ServerFixture _fixture;
        private readonly List<IDisposable> _owned = [];
        private readonly Dictionary<string, Protocol.V1.Coordination.CoordinationClient> _clients = [];

        public CeremonyRun(ServerFixture fixture, string id)
        {
            _fixture = fixture;
            Id = id;
            var coordinator = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "c" + id[^8..]));
            var channel = AquilaChannel.Create(fixture.Server.Address, coordinator);
            _owned.Add(coordinator);
            _owned.Add(channel);
            Coordinator = new Protocol.V1.Coordination.CoordinationClient(channel);
            foreach (var party in new[] { "RS", "BA", "ME", "AL" })
            {
                Nodes[party] = NodeIdentity.Load(fixture.Identities[party]);
                _owned.Add(Nodes[party]);
                _clients[party] = Connect(party);
            }
        }

        public string Id { get; }

        public Protocol.V1.Coordination.CoordinationClient Coordinator { get; }

        public Dictionary<string, NodeIdentity> Nodes { get; } = [];

        public Protocol.V1.Coordination.CoordinationClient Coordination(string party) => _clients[party];

        public Protocol.V1.Coordination.CoordinationClient Connect(string identity)
        {
            var node = NodeIdentity.Load(_fixture.Identities[identity]);
            var channel = AquilaChannel.Create(_fixture.Server.Address, node);
            _owned.Add(node);
            _owned.Add(channel);
            return new Protocol.V1.Coordination.CoordinationClient(channel);
        }

        public CeremonyRunner Runner(string party, IReadOnlyCollection<string>? expected = null) =>
            new(_clients[party], Nodes[party]) { PollInterval = TimeSpan.FromMilliseconds(50), StepTimeout = TimeSpan.FromSeconds(60), ExpectedParties = expected };

        /// <summary>A party's ceremony state driven by hand: for playing the cheating party.</summary>
        public CeremonyParticipant Participant(string party)
        {
            var options = new ClientCertificateValidatorOptions { RequireCrl = false };
            options.TrustedRootCertificatePaths.Add(_fixture.Pki.AuthorityCertificatePath);
            var validator = new ClientCertificateValidator(options, NullLogger<ClientCertificateValidator>.Instance);
            _owned.Add(validator);
            return new CeremonyParticipant(new CeremonyInvitation(Id, Agreed), Nodes[party].Certificate, CeremonyTrust.From(validator));
        }

        public async Task PostAsync(string party, CeremonyStage stage, byte[] body, string to = "") =>
            await _clients[party].PostCeremonyMessageAsync(new CeremonyMessage
            {
                ProjectId = Id, Stage = stage, Body = ByteString.CopyFrom(body), ToParty = to,
            }, cancellationToken: Cancel);

        public async Task<IReadOnlyList<CeremonyMessage>> WaitForAsync(string party, CeremonyStage stage, int count)
        {
            while (true)
            {
                var messages = (await _clients[party].GetCeremonyMessagesAsync(new CeremonyMessagesRequest { ProjectId = Id, Stage = stage },
                    cancellationToken: Cancel)).Messages;
                if (messages.Count >= count)
                {
                    return messages;
                }

                await Task.Delay(50, Cancel);
            }
        }

        public async Task<ProjectView> AdvanceAsync(string action) =>
            await Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = Id, Action = action }, cancellationToken: Cancel);

        public void Dispose()
        {
            foreach (var owned in _owned)
            {
                owned.Dispose();
            }
        }
    }
}
