using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Aquila.Tokens.Keys;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>A project file may name a built-in schema by alias instead of its SHA-256.</summary>
public partial class CoordinatedProjectTests
{
    [Theory]
    [InlineData("built-in", "person")]
    [InlineData("built-in:person", "person")]
    [InlineData("built-in:vehicle", "vehicle")]
    public async Task A_built_in_schema_alias_pins_that_schemas_hash(string alias, string type)
    {
        var id = "alias-" + Guid.NewGuid().ToString("N")[..8];
        var coordinator = Coordinator(id, out var scope);
        using var _ = scope;

        var view = await coordinator.CreateProjectAsync(
            new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Project(id) with { SchemaHash = alias }) }, cancellationToken: Cancel);

        var expected = type == "vehicle" ? MatchKeySchema.Vehicles : MatchKeySchema.Default;
        Assert.Equal(expected.HashHex, ProjectDocument.Parse(view.ProjectJson).SchemaHash);
    }

    [Fact]
    public async Task An_unknown_schema_is_refused_with_the_built_in_aliases_and_their_hashes()
    {
        var id = "alias-" + Guid.NewGuid().ToString("N")[..8];
        var coordinator = Coordinator(id, out var scope);
        using var _ = scope;

        var refused = await Assert.ThrowsAsync<RpcException>(() => coordinator.CreateProjectAsync(
            new CreateProjectRequest { ProjectJson = ProjectDocument.Write(Project(id) with { SchemaHash = "built-in:boat" }) },
            cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("\"built-in:vehicle\" = sha256:" + MatchKeySchema.Vehicles.HashHex, refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("\"built-in:person\" = sha256:" + MatchKeySchema.Default.HashHex, refused.Status.Detail, StringComparison.Ordinal);
    }

    private Protocol.V1.Coordination.CoordinationClient Coordinator(string id, out IDisposable scope)
    {
        var identity = NodeIdentity.Load(fixture.Pki.IssueIdentity(PartyCode.Secretariat, PartyRole.Coordinator, "a" + id[^8..]));
        var channel = AquilaChannel.Create(fixture.Server.Address, identity);
        scope = new Scope(channel, identity);
        return new Protocol.V1.Coordination.CoordinationClient(channel);
    }

    private sealed class Scope(IDisposable channel, IDisposable identity) : IDisposable
    {
        public void Dispose()
        {
            channel.Dispose();
            identity.Dispose();
        }
    }
}
