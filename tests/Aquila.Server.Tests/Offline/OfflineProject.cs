using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Tokens.Keys;
using Grpc.Net.Client;

namespace Aquila.Server.Tests.Offline;

/// <summary>
/// A coordinated project with parties RS, BA and ME on a running server, taken through its key ceremony to Open:
/// the coordinator's and every node's channel over mutual TLS. Batches are tokenised with the fixture's key (the
/// server never sees a project key, so which key the nodes agreed on does not matter to it).
/// </summary>
internal sealed class OfflineProject : IDisposable
{
    public static readonly string[] Parties = ["RS", "BA", "ME"];

    private readonly List<GrpcChannel> _channels = [];
    private readonly List<NodeIdentity> _identities = [];

    private OfflineProject(string id, Uri server, ServerFixture fixture, string coordinatorDirectory)
    {
        Id = id;
        CoordinatorIdentity = Track(NodeIdentity.Load(coordinatorDirectory));
        Coordinator = new Protocol.V1.Coordination.CoordinationClient(Open(server, CoordinatorIdentity));
        foreach (var party in Parties)
        {
            Nodes[party] = Track(NodeIdentity.Load(fixture.Identities[party]));
            Channels[party] = Open(server, Nodes[party]);
        }
    }

    public string Id { get; }

    public NodeIdentity CoordinatorIdentity { get; }

    public Protocol.V1.Coordination.CoordinationClient Coordinator { get; }

    public Dictionary<string, NodeIdentity> Nodes { get; } = [];

    public Dictionary<string, GrpcChannel> Channels { get; } = [];

    /// <summary>
    /// Creates the project on <paramref name="server"/>, runs the ceremony and opens it. With
    /// <paramref name="deadlinePassed"/> its submission deadline is over, so it may move to Matching before every party submitted.
    /// </summary>
    public static async Task<OfflineProject> OpenAsync(ServerFixture fixture, Uri server, string id, CancellationToken cancellationToken,
        bool deadlinePassed = false)
    {
        var coordinator = fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "o" + Guid.NewGuid().ToString("N")[..8]);
        var project = new OfflineProject(id, server, fixture, coordinator);
        try
        {
            await project.Coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Document(id, deadlinePassed)) },
                cancellationToken: cancellationToken);
            await project.AdvanceAsync("start_ceremony", cancellationToken);
            var results = await Task.WhenAll(Parties.Select(p =>
                new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(project.Channels[p]), project.Nodes[p],
                    Security.Ceremony.AgreedParties.OfCertificates(Parties.Select(q => project.Nodes[q].Certificate)))
                {
                    PollInterval = TimeSpan.FromMilliseconds(50),
                }.RunAsync(id, cancellationToken)));
            foreach (var result in results)
            {
                result.Dispose();
            }

            await project.AdvanceAsync("open", cancellationToken);
            return project;
        }
        catch
        {
            project.Dispose();
            throw;
        }
    }

    public Protocol.V1.Matching.MatchingClient Matching(string party) => new(Channels[party]);

    public Protocol.V1.Coordination.CoordinationClient Coordination(string party) => new(Channels[party]);

    public async Task<ProjectView> AdvanceAsync(string action, CancellationToken cancellationToken) =>
        await Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = Id, Action = action }, cancellationToken: cancellationToken);

    public async Task<ProjectView> ShowAsync(CancellationToken cancellationToken) =>
        await Coordinator.ShowProjectAsync(new ProjectRef { ProjectId = Id }, cancellationToken: cancellationToken);

    public void Dispose()
    {
        foreach (var channel in _channels)
        {
            channel.Dispose();
        }

        foreach (var identity in _identities)
        {
            identity.Dispose();
        }
    }

    private GrpcChannel Open(Uri server, NodeIdentity identity)
    {
        var channel = AquilaChannel.Create(server, identity);
        _channels.Add(channel);
        return channel;
    }

    private NodeIdentity Track(NodeIdentity identity)
    {
        _identities.Add(identity);
        return identity;
    }

    private static MatchingProject Document(string id, bool deadlinePassed)
    {
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var deadline = deadlinePassed ? DateTimeOffset.UtcNow.AddMinutes(-2) : start.AddDays(30);
        return new MatchingProject
        {
            Id = id,
            ActionPlan = TestActionPlan.Entry("Aquila offline exchange test"),
            Timeline = new ProjectTimeline(start, deadline, start.AddDays(60), start.AddDays(90)),
            SchemaHash = MatchKeySchema.Default.HashHex,
            Parties = [.. Parties.Select(p => new InvitedParty(p, 10, "Police " + p))],
            HitSharingLegalBasis = "PCC SEE Art. 31",
            AllowedCategories = [DataSubjectCategory.Suspect],
        };
    }
}
