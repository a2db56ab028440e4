using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>
/// A one-time project run through the coordinator over mutual TLS: create, key ceremony through the relay (every
/// node derives the same key; the coordinator never sees it), open, submit, no hit before Matching, hits after.
/// </summary>
[Collection(nameof(ServerCollection))]
public partial class CoordinatedProjectTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly string[] Parties = ["RS", "BA", "ME"];

    /// <summary>The three invited parties' nodes, each with its own mutual-TLS channel.</summary>
    private sealed class Participants : IDisposable
    {
        public Participants(ServerFixture fixture)
        {
            Nodes = Parties.ToDictionary(p => p, p => NodeIdentity.Load(fixture.Identities[p]));
            Channels = Nodes.ToDictionary(n => n.Key, n => AquilaChannel.Create(fixture.Server.Address, n.Value));
        }

        public Dictionary<string, NodeIdentity> Nodes { get; }

        public Dictionary<string, Grpc.Net.Client.GrpcChannel> Channels { get; }

        public Protocol.V1.Coordination.CoordinationClient Coordination(string party) => new(Channels[party]);

        public Protocol.V1.Matching.MatchingClient Matching(string party) => new(Channels[party]);

        /// <summary>Every node runs its side of the ceremony at the same time.</summary>
        public Task<Security.Ceremony.ProjectKeyResult[]> RunCeremonyAsync(string projectId) =>
            Task.WhenAll(Parties.Select(p =>
                new CeremonyRunner(Coordination(p), Nodes[p], Security.Ceremony.AgreedParties.OfCertificates(Parties.Select(q => Nodes[q].Certificate))) { PollInterval = TimeSpan.FromMilliseconds(50) }.RunAsync(projectId, Cancel)));

        public void Dispose()
        {
            foreach (var channel in Channels.Values)
            {
                channel.Dispose();
            }

            foreach (var node in Nodes.Values)
            {
                node.Dispose();
            }
        }
    }

    internal static MatchingProject Project(string id, bool ended = false, string[]? parties = null)
    {
        // An ended project (its end date passed) may be purged once closed.
        var start = DateTimeOffset.UtcNow.AddDays(ended ? -40 : -1);
        return new MatchingProject
        {
            Id = id,
            ActionPlan = TestActionPlan.Entry("Aquila test project"),
            Timeline = ended
                ? new ProjectTimeline(start, DateTimeOffset.UtcNow.AddMinutes(-2), DateTimeOffset.UtcNow.AddMinutes(-1), start.AddDays(90))
                : new ProjectTimeline(start, start.AddDays(30), start.AddDays(60), start.AddDays(90)),
            SchemaHash = MatchKeySchema.Default.HashHex,
            Parties = [.. (parties ?? Parties).Select(p => new InvitedParty(p, 100, "Police " + p))],
            HitSharingLegalBasis = "PCC SEE Art. 31",
            AllowedCategories = [DataSubjectCategory.Suspect],
        };
    }

    [Fact]
    public async Task A_project_runs_from_ceremony_to_matching_and_releases_hits_only_in_matching()
    {
        var id = "coord-" + Guid.NewGuid().ToString("N")[..8];
        var coordinatorDirectory = fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "c" + id[^8..]);
        using var coordinatorIdentity = NodeIdentity.Load(coordinatorDirectory);
        using var coordinatorChannel = AquilaChannel.Create(fixture.Server.Address, coordinatorIdentity);
        var coordinator = new Protocol.V1.Coordination.CoordinationClient(coordinatorChannel);
        await coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Project(id)) }, cancellationToken: Cancel);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_ceremony" }, cancellationToken: Cancel);

        using var parties = new Participants(fixture);
        var channels = parties.Channels;
        var results = await parties.RunCeremonyAsync(id);
        Assert.Single(results.Select(r => Convert.ToHexString(r.Key)).Distinct());
        Assert.Single(results.Select(r => r.Fingerprint).Distinct());
        using var key = ProjectKey.FromBytes(results[0].Key);
        foreach (var result in results)
        {
            result.Dispose();
        }

        var opened = await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);
        Assert.Equal("open", opened.State);
        Assert.Equal(Parties.Order(), opened.CeremonyConfirmed.Order());

        var batches = new Dictionary<string, string>
        {
            ["RS"] = TestRecords.Tokenize(fixture.WorkDirectory, "RS", id, key, "RS-C1,Стојановић,Милош,Драган,М,04.05.1982.,Ниш,RS,,,suspect"),
            ["BA"] = TestRecords.Tokenize(fixture.WorkDirectory, "BA", id, key, "BA-C1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect"),
            ["ME"] = TestRecords.Tokenize(fixture.WorkDirectory, "ME", id, key, "ME-C1,Kovač,Petra,,Ž,1990-10-10,,ME,,,suspect"),
        };
        var rs = new Protocol.V1.Matching.MatchingClient(channels["RS"]);
        foreach (var party in Parties)
        {
            await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channels[party])).SubmitAsync(batches[party], null, Cancel);
        }

        var early = await Assert.ThrowsAsync<RpcException>(() => SubmitAndHitsTests.ReadAsync(rs, 0, id));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("released when it moves to Matching", early.Status.Detail, StringComparison.Ordinal);
        var byNode = await Assert.ThrowsAsync<RpcException>(() =>
            new Protocol.V1.Coordination.CoordinationClient(channels["RS"]).AdvanceAsync(
                new AdvanceRequest { ProjectId = id, Action = "start_matching" }, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.PermissionDenied, byNode.StatusCode);

        var matching = await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_matching" }, cancellationToken: Cancel);
        var hits = await SubmitAndHitsTests.ReadAsync(rs, 0, id);
        var late = await Assert.ThrowsAsync<RpcException>(() =>
            new BatchSubmitter(rs) { MaxAttempts = 1 }.SubmitAsync(
                TestRecords.Tokenize(fixture.WorkDirectory, "RS", id, key, "RS-C2,Late,Lena,,Ž,1991-01-02,,RS,,,suspect"), null, Cancel));

        Assert.Equal("matching", matching.State);
        var hit = Assert.Single(hits);
        Assert.Equal("BA", hit.OtherParty);
        Assert.Equal(Band.Strong, hit.Band);
        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);

        // Feedback: the party of the hit may record a verdict; a third party cannot even tell the hit exists.
        await new Protocol.V1.Coordination.CoordinationClient(channels["RS"]).SubmitFeedbackAsync(new FeedbackRequest
        {
            ProjectId = id, HitId = hit.HitId, Confirmed = true, Reference = "SIENA-2026-4711",
        }, cancellationToken: Cancel);
        var stranger = await Assert.ThrowsAsync<RpcException>(() => new Protocol.V1.Coordination.CoordinationClient(channels["ME"])
            .SubmitFeedbackAsync(new FeedbackRequest { ProjectId = id, HitId = hit.HitId, Confirmed = false }, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.NotFound, stranger.StatusCode);
        var indicators = await coordinator.GetIndicatorsAsync(new ProjectRef { ProjectId = id }, cancellationToken: Cancel);
        using var json = System.Text.Json.JsonDocument.Parse(indicators.Json);
        Assert.Equal(3, json.RootElement.GetProperty("partiesInvolved").GetInt32());
        Assert.Equal(1, json.RootElement.GetProperty("hits").GetProperty("strong").GetInt64());
        Assert.Equal(1, json.RootElement.GetProperty("hitsConfirmed").GetInt64());
        Assert.Contains("|", indicators.Markdown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Purging_a_closed_project_shreds_its_key_and_log_and_keeps_only_the_hit_outline()
    {
        var id = "purge-" + Guid.NewGuid().ToString("N")[..8];
        using var coordinatorIdentity = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "p" + id[^8..]));
        using var coordinatorChannel = AquilaChannel.Create(fixture.Server.Address, coordinatorIdentity);
        var coordinator = new Protocol.V1.Coordination.CoordinationClient(coordinatorChannel);
        await coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Project(id, ended: true)) }, cancellationToken: Cancel);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_ceremony" }, cancellationToken: Cancel);
        using var parties = new Participants(fixture);
        var channels = parties.Channels;
        var results = await parties.RunCeremonyAsync(id);
        using var key = ProjectKey.FromBytes(results[0].Key);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);
        var rsBatch = TestRecords.Tokenize(fixture.WorkDirectory, "RS", id, key, "RS-P1,Purgić,Vesna,Ivan,Ž,02.02.1977.,Šabac,RS,,,suspect");
        var baBatch = TestRecords.Tokenize(fixture.WorkDirectory, "BA", id, key, "BA-P1,Purgić,Vesna,Ivan,Ž,1977-02-02,Šabac,SRB,,,suspect");
        await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channels["RS"])).SubmitAsync(rsBatch, null, Cancel);
        await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channels["BA"])).SubmitAsync(baBatch, null, Cancel);
        var tokenBytes = File.ReadAllBytes(rsBatch)[^48..^32];
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_matching" }, cancellationToken: Cancel);
        var hit = Assert.Single(await SubmitAndHitsTests.ReadAsync(new Protocol.V1.Matching.MatchingClient(channels["RS"]), 0, id));
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "close" }, cancellationToken: Cancel);
        var projectDirectory = Path.Combine(fixture.Options.DataDirectory, "projects", id);
        var keyFile = Path.Combine(fixture.Options.KeyDirectory, "projects", id + ".key");
        Assert.True(Directory.Exists(projectDirectory) && File.Exists(keyFile));

        var purged = await coordinator.PurgeAsync(new ProjectRef { ProjectId = id }, cancellationToken: Cancel);
        var attested = await new Protocol.V1.Coordination.CoordinationClient(channels["RS"]).AttestPurgeAsync(new ProjectRef { ProjectId = id },
            cancellationToken: Cancel);
        var afterwards = await Assert.ThrowsAsync<RpcException>(() => SubmitAndHitsTests.ReadAsync(new Protocol.V1.Matching.MatchingClient(channels["RS"]), 0, id));

        Assert.Equal("purged", purged.State);
        Assert.Equal("purged", attested.State);
        Assert.False(Directory.Exists(projectDirectory), "the project's log survived the purge");
        Assert.False(File.Exists(keyFile), "the project's data key survived the purge");
        Assert.Equal(StatusCode.FailedPrecondition, afterwards.StatusCode);
        foreach (var file in Directory.EnumerateFiles(fixture.Options.DataDirectory, "*", SearchOption.AllDirectories))
        {
            Assert.True(File.ReadAllBytes(file).AsSpan().IndexOf(tokenBytes) < 0, $"{file} holds a submitted token");
        }

        Assert.NotEqual(0, hit.HitId.Length);
    }

    [Fact]
    public async Task The_coordinator_invites_parties_before_the_project_opens_and_each_party_lists_only_its_projects()
    {
        var id = "list-" + Guid.NewGuid().ToString("N")[..8];
        using var coordinatorIdentity = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "l" + id[^8..]));
        using var coordinatorChannel = AquilaChannel.Create(fixture.Server.Address, coordinatorIdentity);
        var coordinator = new Protocol.V1.Coordination.CoordinationClient(coordinatorChannel);
        await coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Project(id)) }, cancellationToken: Cancel);
        var (alChannel, _) = fixture.Connect("AL");
        using var alScope = alChannel;
        var al = new Protocol.V1.Coordination.CoordinationClient(alChannel);
        var before = await al.ListProjectsAsync(new ListProjectsRequest(), cancellationToken: Cancel);

        var invited = await coordinator.InvitePartyAsync(new InvitePartyRequest { ProjectId = id, Party = "AL", DeclaredRecords = 50, Controller = "ASP" },
            cancellationToken: Cancel);
        var after = await al.ListProjectsAsync(new ListProjectsRequest(), cancellationToken: Cancel);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_ceremony" }, cancellationToken: Cancel);
        var late = await coordinator.InvitePartyAsync(
            new InvitePartyRequest { ProjectId = id, Party = "MK", DeclaredRecords = 50, Controller = "MVR" }, cancellationToken: Cancel);
        var all = await coordinator.ListProjectsAsync(new ListProjectsRequest(), cancellationToken: Cancel);

        Assert.DoesNotContain(before.Projects, p => p.ProjectId == id);
        Assert.Contains("AL", invited.Parties);
        Assert.Contains(after.Projects, p => p.ProjectId == id);
        Assert.Equal(2, late.CeremonyRound); // the invitation restarted the ceremony
        Assert.Contains(all.Projects, p => p.ProjectId == id && p.State == "key_ceremony");
    }

    [Fact]
    public async Task A_ceremony_can_be_started_again_and_the_new_one_gives_a_new_key()
    {
        var id = "again-" + Guid.NewGuid().ToString("N")[..8];
        using var coordinatorIdentity = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "a" + id[^8..]));
        using var coordinatorChannel = AquilaChannel.Create(fixture.Server.Address, coordinatorIdentity);
        var coordinator = new Protocol.V1.Coordination.CoordinationClient(coordinatorChannel);
        await coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Project(id)) }, cancellationToken: Cancel);
        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_ceremony" }, cancellationToken: Cancel);
        using var parties = new Participants(fixture);
        var first = await parties.RunCeremonyAsync(id);

        var restarted = await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_ceremony" }, cancellationToken: Cancel);
        var second = await parties.RunCeremonyAsync(id);
        var opened = await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);

        Assert.Empty(restarted.CeremonyConfirmed);
        Assert.NotEqual(Convert.ToHexString(first[0].Key), Convert.ToHexString(second[0].Key));
        Assert.Single(second.Select(r => Convert.ToHexString(r.Key)).Distinct());
        Assert.Equal("open", opened.State);
        foreach (var result in first.Concat(second))
        {
            result.Dispose();
        }
    }
}
