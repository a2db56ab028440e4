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
            Assert.ThrowsAsync<CeremonyException>(() => run.Runner(party, Agreed).RunAsync(run.Id, Cancel))));
        var registrations = (await run.Coordination("AL").GetCeremonyMessagesAsync(
            new CeremonyMessagesRequest { ProjectId = run.Id, Stage = CeremonyStage.Registration }, cancellationToken: Cancel)).Messages;

        Assert.All(refusals, e => Assert.Equal((CeremonyFailureKind.UnexpectedParty, "AL"), (e.Kind, e.Party)));
        Assert.Contains("the coordinator added a party", refusals[0].Message, StringComparison.Ordinal);
        Assert.Empty(registrations);
    }

    // Issue 24, finding 1: the operator runs the CA and the relay. It signs itself a node certificate for a party of its
    // own, invites that party mid-ceremony (the round restarts) and joins as it. Nodes that took the roster from the
    // coordinator all accepted MK with equal fingerprints; nodes holding the agreed list refuse before registering.
    [Fact]
    public async Task A_sock_puppet_the_ca_holding_coordinator_enrols_and_invites_mid_ceremony_is_refused_by_every_node()
    {
        using var run = await CeremonyProjectAsync(Agreed);
        using var puppet = NodeIdentity.Load(fixture.Pki.IssueIdentity("MK", PartyRole.Node, "puppet" + run.Id[^6..]));
        var puppetChannel = AquilaChannel.Create(fixture.Server.Address, puppet);
        using var puppetChannelOwner = puppetChannel;
        await run.Coordinator.InvitePartyAsync(
            new InvitePartyRequest { ProjectId = run.Id, Party = "MK", DeclaredRecords = 100, Controller = "Police MK" }, cancellationToken: Cancel);

        // The puppet pins its own key along with the genuine ones: the operator's view of the project.
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var puppetRun = new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(puppetChannel), puppet,
            AgreedParties.OfCertificates([.. Agreed.Select(p => run.Nodes[p].Certificate), puppet.Certificate]))
        {
            PollInterval = TimeSpan.FromMilliseconds(50), StepTimeout = TimeSpan.FromSeconds(60),
        }.RunAsync(run.Id, stop.Token);
        var refusals = await Task.WhenAll(Agreed.Select(party =>
            Assert.ThrowsAsync<CeremonyException>(() => run.Runner(party, Agreed).RunAsync(run.Id, Cancel))));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => puppetRun);
        var open = await Assert.ThrowsAsync<RpcException>(() => run.AdvanceAsync("open"));

        Assert.All(refusals, e => Assert.Equal((CeremonyFailureKind.UnexpectedParty, "MK"), (e.Kind, e.Party)));
        Assert.Contains("the coordinator added a party", refusals[0].Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, open.StatusCode);
    }

    // Issue 24, finding 2: the CA issues a second RS node certificate (another key); whoever holds it registers as RS
    // while the relay starves the genuine RS node. The certificate chains to the CA, is valid, names RS: only the pinned
    // public-key hash tells it apart. Without pins every honest node finished with the fake RS in the roster.
    [Fact]
    public async Task A_second_certificate_the_ca_issues_for_a_starved_invited_party_is_refused_by_every_node_that_pinned_its_key()
    {
        using var run = await CeremonyProjectAsync(Agreed);
        using var impostor = NodeIdentity.Load(fixture.Pki.IssueIdentity("RS", PartyRole.Node, "second" + run.Id[^6..]));
        using var impostorChannel = AquilaChannel.Create(fixture.Server.Address, impostor);
        var impostorPins = AgreedParties.OfCertificates([impostor.Certificate, run.Nodes["BA"].Certificate, run.Nodes["ME"].Certificate]);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        var impostorRun = new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(impostorChannel), impostor, impostorPins)
        {
            PollInterval = TimeSpan.FromMilliseconds(50), StepTimeout = TimeSpan.FromSeconds(60),
        }.RunAsync(run.Id, stop.Token);

        var refusals = await Task.WhenAll(new[] { "BA", "ME" }.Select(party =>
            Assert.ThrowsAsync<CeremonyException>(() => run.Runner(party).RunAsync(run.Id, Cancel))));
        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<Exception>(() => impostorRun);
        var open = await Assert.ThrowsAsync<RpcException>(() => run.AdvanceAsync("open"));

        Assert.All(refusals, e => Assert.Equal((CeremonyFailureKind.UnpinnedKey, "RS"), (e.Kind, e.Party)));
        Assert.Contains("the CA issued a second certificate for RS", refusals[0].Message, StringComparison.Ordinal);
        Assert.Contains(Convert.ToHexString(PublicKeyHash.Of(impostor.Certificate)), refusals[0].Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.FailedPrecondition, open.StatusCode);
    }

    // Issue 24, finding 2: an agreed party that never registers (late, or starved by the relay) stops every other node
    // with a message naming it; no node ends the ceremony without it.
    [Fact]
    public async Task A_party_that_never_registers_stops_the_others_loudly_when_the_step_times_out()
    {
        using var run = await CeremonyProjectAsync(Agreed);

        var refusals = await Task.WhenAll(new[] { "BA", "ME" }.Select(party =>
            Assert.ThrowsAsync<CeremonyException>(() => run.Runner(party, Agreed, TimeSpan.FromSeconds(2)).RunAsync(run.Id, Cancel))));

        Assert.All(refusals, e => Assert.Equal((CeremonyFailureKind.MissingParty, "RS"), (e.Kind, e.Party)));
        Assert.Contains("No registration arrived from RS", refusals[0].Message, StringComparison.Ordinal);
    }

    // Issue 24, finding 3: a node key that was stolen and revoked after it registered. The relay delivers the CA-signed
    // CRL; every node checks it and refuses the registration. Before, nodes had no CRL (RequireCrl = false) and accepted it.
    [Fact]
    public async Task A_registration_of_a_revoked_node_key_is_refused_by_every_node_through_the_crl_the_relay_delivers()
    {
        using var run = await CeremonyProjectAsync(Agreed);
        using var stolen = NodeIdentity.Load(fixture.Pki.IssueIdentity("RS", PartyRole.Node, "stolen" + run.Id[^6..]));
        using (var stolenChannel = AquilaChannel.Create(fixture.Server.Address, stolen))
        {
            var invitation = new CeremonyInvitation(run.Id, AgreedParties.OfCertificates([stolen.Certificate, run.Nodes["BA"].Certificate, run.Nodes["ME"].Certificate]));
            using var participant = new CeremonyParticipant(invitation, stolen.Certificate, _ => throw new InvalidOperationException("not reached"));
            await new Protocol.V1.Coordination.CoordinationClient(stolenChannel).PostCeremonyMessageAsync(new CeremonyMessage
            {
                ProjectId = run.Id, Stage = CeremonyStage.Registration, Body = ByteString.CopyFrom(participant.CreateRegistration().ToBytes()),
            }, cancellationToken: Cancel);
        }

        fixture.Pki.Authority.Revoke(stolen.Certificate);
        var pins = new[] { stolen.Certificate, run.Nodes["BA"].Certificate, run.Nodes["ME"].Certificate };
        var refusals = await Task.WhenAll(new[] { "BA", "ME" }.Select(party => Assert.ThrowsAsync<CeremonyException>(() =>
            new CeremonyRunner(run.Coordination(party), run.Nodes[party], AgreedParties.OfCertificates(pins))
            {
                PollInterval = TimeSpan.FromMilliseconds(50), StepTimeout = TimeSpan.FromSeconds(60),
            }.RunAsync(run.Id, Cancel))));

        Assert.All(refusals, e => Assert.Equal((CeremonyFailureKind.UntrustedCertificate, "RS"), (e.Kind, e.Party)));
        Assert.Contains("revoked", refusals[0].Message, StringComparison.OrdinalIgnoreCase);
    }

    // A relay could hand out a CRL from before a revocation while it is still within its nextUpdate.
    [Fact]
    public async Task A_node_refuses_a_crl_older_than_one_it_accepted_before()
    {
        using var node = NodeIdentity.Load(fixture.Pki.IssueIdentity("BA", PartyRole.Node, "crl" + Guid.NewGuid().ToString("N")[..6]));
        var old = await File.ReadAllBytesAsync(fixture.Pki.CrlPath, Cancel);
        fixture.Pki.Authority.PublishCrl();
        var fresh = await File.ReadAllBytesAsync(fixture.Pki.CrlPath, Cancel);
        (await CeremonyRevocationCheck.CreateAsync(fresh, node, Cancel)).Dispose();

        var refused = await Assert.ThrowsAsync<CeremonyException>(() => CeremonyRevocationCheck.CreateAsync(old, node, Cancel));

        Assert.Equal(CeremonyFailureKind.RevocationUnavailable, refused.Kind);
        Assert.Contains("replayed an old CRL", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_node_refuses_a_crl_that_its_own_ca_did_not_sign()
    {
        using var run = await CeremonyProjectAsync(Agreed);
        using var other = LocalPki.Create(Path.Combine(fixture.WorkDirectory, "other-ca-" + run.Id));
        var forged = await File.ReadAllBytesAsync(other.CrlPath, Cancel);

        var refused = await Assert.ThrowsAsync<CeremonyException>(() => CeremonyRevocationCheck.CreateAsync(forged, run.Nodes["BA"], Cancel));

        Assert.Equal(CeremonyFailureKind.RevocationUnavailable, refused.Kind);
        Assert.Contains("aquila ca crl", refused.Message, StringComparison.Ordinal);
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

        /// <summary>An honest node's runner, pinning the genuine keys of <paramref name="agreed"/> (default: RS, BA, ME).</summary>
        public CeremonyRunner Runner(string party, IReadOnlyCollection<string>? agreed = null, TimeSpan? stepTimeout = null) =>
            new(_clients[party], Nodes[party], AgreedParties.OfCertificates((agreed ?? Agreed).Select(p => Nodes[p].Certificate)))
            {
                PollInterval = TimeSpan.FromMilliseconds(50), StepTimeout = stepTimeout ?? TimeSpan.FromSeconds(60),
            };

        /// <summary>A party's ceremony state driven by hand: for playing the cheating party.</summary>
        public CeremonyParticipant Participant(string party)
        {
            var options = new ClientCertificateValidatorOptions { RequireCrl = false };
            options.TrustedRootCertificatePaths.Add(_fixture.Pki.AuthorityCertificatePath);
            var validator = new ClientCertificateValidator(options, NullLogger<ClientCertificateValidator>.Instance);
            _owned.Add(validator);
            var agreed = AgreedParties.OfCertificates(Agreed.Select(p => Nodes[p].Certificate));
            return new CeremonyParticipant(new CeremonyInvitation(Id, agreed), Nodes[party].Certificate, CeremonyTrust.From(validator));
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
