using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Node.Offline;
using Aquila.Protocol.V1;
using Grpc.Core;

namespace Aquila.Server.Tests.Offline;

/// <summary>
/// Forged, altered or misdirected export files: each refused with a clear message, audited with the coordinator as
/// actor, and nothing applied: the party has still submitted nothing.
/// </summary>
[Collection(nameof(ServerCollection))]
public partial class OfflineImportRefusalTests(OfflineServerFixture fixture) : IClassFixture<OfflineServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    public static TheoryData<string, StatusCode, string> Cases() => ForgedExports.Cases();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task A_bad_export_file_is_refused_audited_and_not_applied(string name, StatusCode expected, string message)
    {
        var file = ForgedExports.Build(fixture, name);
        var before = fixture.Server.AuditHead.Sequence;

        var refused = await Assert.ThrowsAsync<RpcException>(() => OfflineTransfer.ImportAsync(fixture.Open.Coordinator, file, Cancel));

        Assert.Equal(expected, refused.StatusCode);
        Assert.Contains(message, refused.Status.Detail, StringComparison.Ordinal);
        var entries = await fixture.Server.Audit.ReadAsync(before + 1, 100, Cancel);
        Assert.Contains(entries, e => e.Kind == AuditKind.BatchRefused && e.Actor.Role == Security.PartyRole.Coordinator
            && e.Details["route"] == "offline import" && e.Details["reason"].Contains(message, StringComparison.Ordinal));
        Assert.DoesNotContain(entries, e => e.Kind == AuditKind.BatchAccepted);
        var project = ProjectDocument.Parse((await fixture.Open.ShowAsync(Cancel)).ProjectJson);
        Assert.Null(ProjectQueries.FindSubmission(project, "RS"));
        Assert.Empty(fixture.Logs.Errors());
    }

    [Fact]
    public async Task A_transfer_cut_short_is_refused_and_audited()
    {
        var before = fixture.Server.AuditHead.Sequence;
        using var call = fixture.Open.Coordinator.ImportBatch(cancellationToken: Cancel);
        await call.RequestStream.WriteAsync(new ImportBatchRequest { TotalBytes = 1000 }, Cancel);
        await call.RequestStream.WriteAsync(new ImportBatchRequest { Chunk = Google.Protobuf.ByteString.CopyFrom(new byte[10]) }, Cancel);
        await call.RequestStream.CompleteAsync();

        var refused = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

        Assert.Equal(StatusCode.InvalidArgument, refused.StatusCode);
        Assert.Contains("cut short: 10 of 1000 bytes", refused.Status.Detail, StringComparison.Ordinal);
        var entries = await fixture.Server.Audit.ReadAsync(before + 1, 100, Cancel);
        Assert.Contains(entries, e => e.Kind == AuditKind.BatchRefused && e.Details["reason"].Contains("cut short", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Only_the_coordinator_may_import_and_a_node_that_tries_is_denied_and_audited()
    {
        var file = ForgedExports.Honest(fixture, fixture.TokenizeFor("RS", fixture.Open.Id));
        var before = fixture.Server.AuditHead.Sequence;

        var refused = await Assert.ThrowsAsync<RpcException>(() =>
            OfflineTransfer.ImportAsync(fixture.Open.Coordination("RS"), file, Cancel));

        Assert.Equal(StatusCode.PermissionDenied, refused.StatusCode);
        Assert.Contains("requires the role coordinator", refused.Status.Detail, StringComparison.Ordinal);
        var entries = await fixture.Server.Audit.ReadAsync(before + 1, 100, Cancel);
        Assert.Contains(entries, e => e.Kind == AuditKind.AuthDenied && e.Actor.Text == "RS/node");
    }

    [Fact]
    public async Task Hits_cannot_be_exported_before_the_project_moves_to_matching_nor_by_a_node()
    {
        var request = new ExportHitsRequest { ProjectId = fixture.Open.Id, Party = "RS" };

        var early = await Assert.ThrowsAsync<RpcException>(() => OfflineTransfer.ExportHitsAsync(fixture.Open.Coordinator, request, Cancel));
        var byNode = await Assert.ThrowsAsync<RpcException>(() => OfflineTransfer.ExportHitsAsync(fixture.Open.Coordination("RS"), request, Cancel));

        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains("released when it moves to Matching", early.Status.Detail, StringComparison.Ordinal);
        Assert.Equal(StatusCode.PermissionDenied, byNode.StatusCode);
    }
}
