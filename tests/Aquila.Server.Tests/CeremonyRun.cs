using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;

namespace Aquila.Server.Tests;

/// <summary>A coordinator and the nodes of one project on a fixture's server, with the ceremony started.</summary>
internal sealed class CeremonyRun : IAsyncDisposable
{
    private readonly List<IDisposable> _owned = [];
    private readonly Dictionary<string, (NodeIdentity Identity, Protocol.V1.Coordination.CoordinationClient Client)> _nodes = [];

    private CeremonyRun(Protocol.V1.Coordination.CoordinationClient coordinator) => Coordinator = coordinator;

    public Protocol.V1.Coordination.CoordinationClient Coordinator { get; }

    public string ProjectId { get; private set; } = "";

    private string[] _invited = [];

    public static async Task<CeremonyRun> CreateAsync(ServerFixture fixture, string id, string[] parties)
    {
        var coordinatorIdentity = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "r" + id[^8..]));
        var coordinatorChannel = AquilaChannel.Create(fixture.Server.Address, coordinatorIdentity);
        var run = new CeremonyRun(new Protocol.V1.Coordination.CoordinationClient(coordinatorChannel)) { ProjectId = id, _invited = parties };
        run._owned.Add(coordinatorChannel);
        run._owned.Add(coordinatorIdentity);
        foreach (var party in new[] { "RS", "BA", "ME" })
        {
            var identity = NodeIdentity.Load(fixture.Identities[party]);
            var channel = AquilaChannel.Create(fixture.Server.Address, identity);
            run._owned.Add(channel);
            run._owned.Add(identity);
            run._nodes[party] = (identity, new Protocol.V1.Coordination.CoordinationClient(channel));
        }

        var cancel = TestContext.Current.CancellationToken;
        await run.Coordinator.CreateProjectAsync(
            new CreateProjectRequest { ProjectJson = ProjectDocument.Write(CoordinatedProjectTests.Project(id, parties: parties)) }, cancellationToken: cancel);
        await run.Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_ceremony" }, cancellationToken: cancel);
        return run;
    }

    /// <summary>The runner of <paramref name="party"/>, pinning the keys of <paramref name="agreed"/> (default: every node of the run).</summary>
    public CeremonyRunner Runner(string party, IEnumerable<string>? agreed = null) =>
        new(_nodes[party].Client, _nodes[party].Identity,
            Security.Ceremony.AgreedParties.OfCertificates((agreed ?? _invited).Select(p => _nodes[p].Identity.Certificate))) { PollInterval = TimeSpan.FromMilliseconds(50), StepTimeout = TimeSpan.FromSeconds(60) };

    /// <summary>Waits until the relay holds <paramref name="count"/> registrations, as <paramref name="reader"/> sees them.</summary>
    public async Task WaitForRegistrationsAsync(string reader, int count)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        timeout.CancelAfter(TimeSpan.FromSeconds(30));
        while ((await _nodes[reader].Client.GetCeremonyMessagesAsync(
            new CeremonyMessagesRequest { ProjectId = ProjectId, Stage = CeremonyStage.Registration }, cancellationToken: timeout.Token)).Messages.Count < count)
        {
            await Task.Delay(50, timeout.Token);
        }
    }

    public ValueTask DisposeAsync()
    {
        foreach (var owned in _owned)
        {
            owned.Dispose();
        }

        return ValueTask.CompletedTask;
    }
}
