using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Tokens.Derivation;
using Grpc.Net.Client;

namespace Aquila.Server.Tests;

/// <summary>
/// A coordinated project brought to Open as users do it over mutual TLS: the coordinator creates it and starts the key
/// ceremony, every party's node runs the ceremony (agreeing on all parties' certificates), the coordinator opens it. Holds
/// the coordinator's client, each party's channel and the project key the ceremony gave, until disposed.
/// </summary>
internal sealed class OpenedCoordinatedProject : IDisposable
{
    private readonly NodeIdentity _coordinatorIdentity;
    private readonly GrpcChannel _coordinatorChannel;
    private readonly Dictionary<string, NodeIdentity> _nodes;

    private OpenedCoordinatedProject(NodeIdentity coordinatorIdentity, GrpcChannel coordinatorChannel, Dictionary<string, NodeIdentity> nodes,
        Dictionary<string, GrpcChannel> channels)
    {
        _coordinatorIdentity = coordinatorIdentity;
        _coordinatorChannel = coordinatorChannel;
        _nodes = nodes;
        Channels = channels;
        Coordinator = new Protocol.V1.Coordination.CoordinationClient(coordinatorChannel);
    }

    public Protocol.V1.Coordination.CoordinationClient Coordinator { get; }

    /// <summary>Each party's channel to the server, with its node certificate.</summary>
    public IReadOnlyDictionary<string, GrpcChannel> Channels { get; }

    /// <summary>The project key the ceremony gave (every node holds the same).</summary>
    public ProjectKey Key { get; private set; } = null!;

    public static async Task<OpenedCoordinatedProject> OpenAsync(ServerFixture fixture, MatchingProject project, IReadOnlyList<string> parties,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        ArgumentNullException.ThrowIfNull(project);
        var coordinatorIdentity = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "c" + project.Id[^8..]));
        var nodes = parties.ToDictionary(p => p, p => NodeIdentity.Load(fixture.Identities[p]));
        var opened = new OpenedCoordinatedProject(coordinatorIdentity, AquilaChannel.Create(fixture.Server.Address, coordinatorIdentity), nodes,
            nodes.ToDictionary(n => n.Key, n => AquilaChannel.Create(fixture.Server.Address, n.Value)));
        try
        {
            await opened.Coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = ProjectDocument.Write(project) },
                cancellationToken: cancellationToken);
            await opened.Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = project.Id, Action = "start_ceremony" },
                cancellationToken: cancellationToken);
            var agreed = Security.Ceremony.AgreedParties.OfCertificates(parties.Select(q => nodes[q].Certificate));
            var results = await Task.WhenAll(parties.Select(p =>
                new CeremonyRunner(new Protocol.V1.Coordination.CoordinationClient(opened.Channels[p]), nodes[p], agreed)
                {
                    PollInterval = TimeSpan.FromMilliseconds(50),
                }.RunAsync(project.Id, cancellationToken)));
            opened.Key = ProjectKey.FromBytes(results[0].Key);
            foreach (var result in results)
            {
                result.Dispose();
            }

            await opened.Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = project.Id, Action = "open" }, cancellationToken: cancellationToken);
            return opened;
        }
        catch
        {
            opened.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        Key?.Dispose();
        foreach (var channel in Channels.Values)
        {
            channel.Dispose();
        }

        foreach (var node in _nodes.Values)
        {
            node.Dispose();
        }

        _coordinatorChannel.Dispose();
        _coordinatorIdentity.Dispose();
    }
}
