using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Grpc.Core;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Tests;

/// <summary>
/// Issue 17, item 1: a configuration-declared (dry-run) project releases hits as batches arrive. A coordinated project
/// of the same id was shadowed by it: parties' batches went into the dry run and their hits came out while the
/// coordinated project was still Open. A clash is now refused at create and at start.
/// </summary>
[Collection(nameof(ServerCollection))]
public class ProjectIdClashTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Creating_a_coordinated_project_with_a_declared_projects_id_is_refused_and_audited()
    {
        using var coordinatorIdentity = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "clash"));
        using var channel = AquilaChannel.Create(fixture.Server.Address, coordinatorIdentity);
        var coordinator = new Protocol.V1.Coordination.CoordinationClient(channel);
        var json = ProjectDocument.Write(CoordinatedProjectTests.Project(ServerFixture.Project));

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            coordinator.CreateProjectAsync(new CreateProjectRequest { ProjectJson = json }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.AlreadyExists, refused.StatusCode);
        Assert.Contains("dry-run project declared in this server's configuration", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Null(await fixture.Server.Projects.Store.GetAsync(ServerFixture.Project, Cancel));
        var entries = await fixture.Server.Audit.ReadAsync(1, 100_000, Cancel);
        Assert.Contains(entries, e => e.Kind == AuditKind.ProjectChanged && e.ProjectId == ServerFixture.Project
            && e.Details["action"] == "project.create" && e.Details["refused"] == "true" && e.Details["reason"] == "IdTaken");

        // The dry run goes on as before for its own parties.
        using var rs = NodeIdentity.Load(fixture.Identities["RS"]);
        using var rsChannel = AquilaChannel.Create(fixture.Server.Address, rs);
        var info = await new Protocol.V1.Matching.MatchingClient(rsChannel).GetProjectAsync(
            new GetProjectRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel);
        Assert.Equal(ServerFixture.Project, info.ProjectId);
    }

    [Fact]
    public async Task A_configuration_declaring_the_id_of_a_coordinated_project_stops_the_server_at_start_naming_the_id()
    {
        using var root = new TempDirectory();
        var id = "clash-" + Guid.NewGuid().ToString("N")[..8];
        var options = fixture.Options.ForInstance(root.File("data"));
        options.KeyDirectory = root.File("keys");
        options.Projects = [];
        await using (var first = await StartAsync(options))
        {
            using var coordinatorIdentity = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "c" + id[^8..]));
            using var channel = AquilaChannel.Create(first.Address, coordinatorIdentity);
            await new Protocol.V1.Coordination.CoordinationClient(channel).CreateProjectAsync(
                new CreateProjectRequest { ProjectJson = ProjectDocument.Write(CoordinatedProjectTests.Project(id)) }, cancellationToken: Cancel);
        }

        options.Projects = [new ProjectOptions { Id = id, Parties = ["RS", "BA", "ME"] }];
        var refused = await Assert.ThrowsAsync<ServerStartRefusedException>(() => StartAsync(options));

        Assert.Contains($"'{id}'", refused.Message, StringComparison.Ordinal);
        Assert.Contains("remove the declaration", refused.Message, StringComparison.Ordinal);
    }

    private static Task<AquilaServer> StartAsync(ServerOptions options) =>
        AquilaServer.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning), Cancel);
}
