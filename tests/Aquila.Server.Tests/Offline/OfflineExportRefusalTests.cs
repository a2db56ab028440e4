using Aquila.Node.Offline;
using Aquila.Protocol.V1;
using Grpc.Core;

namespace Aquila.Server.Tests.Offline;

/// <summary>A refused export of a party's hits leaves an audit entry naming the coordinator, as a refused import does.</summary>
[Collection(nameof(ServerCollection))]
public class OfflineExportRefusalTests(OfflineServerFixture fixture) : IClassFixture<OfflineServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_export_of_hits_not_yet_released_is_refused_and_audited_with_the_coordinator_as_actor()
    {
        var before = fixture.Server.AuditHead.Sequence;

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            OfflineTransfer.ExportHitsAsync(fixture.Open.Coordinator, new ExportHitsRequest { ProjectId = fixture.Open.Id, Party = "RS" }, Cancel));

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        var entry = Assert.Single(await fixture.Server.Audit.ReadAsync(before + 1, 10, Cancel), e => e.Kind == "hits.export-refused");
        Assert.Equal(fixture.Open.Id, entry.ProjectId);
        Assert.Equal(Security.PartyRole.Coordinator, entry.Actor.Role);
        Assert.Equal("RS", entry.Details["party"]);
        Assert.Equal(refused.Status.Detail, entry.Details["reason"]);
    }

    [Fact]
    public async Task An_export_for_a_project_that_is_not_there_is_refused_and_audited()
    {
        var before = fixture.Server.AuditHead.Sequence;

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            OfflineTransfer.ExportHitsAsync(fixture.Open.Coordinator, new ExportHitsRequest { ProjectId = "no-such-project", Party = "RS" }, Cancel));

        Assert.Equal(StatusCode.NotFound, refused.StatusCode);
        Assert.Contains(await fixture.Server.Audit.ReadAsync(before + 1, 10, Cancel),
            e => e.Kind == "hits.export-refused" && e.ProjectId == "no-such-project");
    }
}
