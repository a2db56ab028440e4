using System.Security.Cryptography;
using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Node.Offline;
using Aquila.Protocol.V1;
using Aquila.Server.Offline;
using Aquila.Tokens.Batches;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Server.Tests.Offline;

/// <summary>Honest imports: accepted for the signing party and audited like an online batch; replays and reused ids refused.</summary>
[Collection(nameof(ServerCollection))]
public class OfflineImportTests(OfflineServerFixture fixture) : IClassFixture<OfflineServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_imported_batch_is_audited_as_the_partys_accepted_batch_and_as_imported_by_the_coordinator()
    {
        var batch = fixture.TokenizeFor("ME", fixture.Open.Id);
        var file = Node.Offline.BatchExport.Seal(batch, fixture.Open.Nodes["ME"], fixture.ServerCertificate);
        var before = fixture.Server.AuditHead.Sequence;

        var imported = await OfflineTransfer.ImportAsync(fixture.Open.Coordinator, file, Cancel);

        var batchId = Convert.ToHexStringLower(imported.Receipt.BatchId.Span);
        var entries = await fixture.Server.Audit.ReadAsync(before + 1, 100, Cancel);
        var accepted = Assert.Single(entries, e => e.Kind == AuditKind.BatchAccepted);
        var import = Assert.Single(entries, e => e.Kind == OfflineAudit.BatchImported);
        Assert.Equal(("ME/node", batchId), (accepted.Actor.Text, accepted.Subject));
        Assert.Equal(("PCC/coordinator", batchId, "ME"), (import.Actor.Text, import.Subject, import.Details["party"]));
        Assert.Equal(accepted.Sequence, imported.Receipt.AuditHead.Sequence);
        Assert.Equal(import.Sequence, imported.ImportAuditHead.Sequence);
        Assert.Equal(("ME", 1L), (imported.Receipt.Party, imported.Receipt.Records));
        Assert.StartsWith("ME/node", imported.Signer, StringComparison.Ordinal);
        Assert.Contains("ME", (await fixture.Open.ShowAsync(Cancel)).Submitted);
    }

    [Fact]
    public async Task Importing_the_same_file_again_is_refused_with_its_batch_id_and_applies_nothing()
    {
        var file = Node.Offline.BatchExport.Seal(fixture.TokenizeFor("BA", fixture.Open.Id), fixture.Open.Nodes["BA"], fixture.ServerCertificate);
        var first = await OfflineTransfer.ImportAsync(fixture.Open.Coordinator, file, Cancel);
        var before = fixture.Server.AuditHead.Sequence;

        var replay = await Assert.ThrowsAsync<RpcException>(() => OfflineTransfer.ImportAsync(fixture.Open.Coordinator, file, Cancel));

        Assert.Equal(StatusCode.AlreadyExists, replay.StatusCode);
        Assert.Contains(Convert.ToHexStringLower(first.Receipt.BatchId.Span) + " of party BA was already accepted", replay.Status.Detail,
            StringComparison.Ordinal);
        var entries = await fixture.Server.Audit.ReadAsync(before + 1, 100, Cancel);
        Assert.Contains(entries, e => e.Kind == AuditKind.BatchRefused && e.Details["route"] == "offline import");
        Assert.DoesNotContain(entries, e => e.Kind is AuditKind.BatchAccepted or OfflineAudit.BatchImported);
        Assert.Equal((1, 1L), Submission("BA", await fixture.Open.ShowAsync(Cancel)));
    }

    [Fact]
    public async Task A_refused_file_applies_nothing_and_a_reused_batch_id_with_other_content_is_refused()
    {
        var batch = fixture.TokenizeFor("RS", fixture.Open.Id);
        var honest = Node.Offline.BatchExport.Seal(batch, fixture.Open.Nodes["RS"], fixture.ServerCertificate);
        var altered = (byte[])honest.Clone();
        altered[altered.Length / 2] ^= 1;
        var sameId = Node.Offline.BatchExport.Seal(WithOtherToken(batch), fixture.Open.Nodes["RS"], fixture.ServerCertificate);

        await Assert.ThrowsAsync<RpcException>(() => OfflineTransfer.ImportAsync(fixture.Open.Coordinator, altered, Cancel));
        var accepted = await OfflineTransfer.ImportAsync(fixture.Open.Coordinator, honest, Cancel);
        var reused = await Assert.ThrowsAsync<RpcException>(() => OfflineTransfer.ImportAsync(fixture.Open.Coordinator, sameId, Cancel));

        Assert.False(accepted.Receipt.AlreadyAccepted);
        Assert.Equal(StatusCode.AlreadyExists, reused.StatusCode);
        Assert.Contains("other content", reused.Status.Detail, StringComparison.Ordinal);
        Assert.Equal((1, 1L), Submission("RS", await fixture.Open.ShowAsync(Cancel)));
    }

    [Fact]
    public async Task After_matching_starts_imports_are_refused_and_a_hits_file_opens_only_at_its_party()
    {
        using var project = await OfflineProject.OpenAsync(fixture, fixture.Server.Address, "late-" + Guid.NewGuid().ToString("N")[..8], Cancel,
            deadlinePassed: true);
        const string Person = "Lazić,Dragana,Mile,Ž,03.03.1983.,Sombor,RS,,,suspect";
        var rs = Node.Offline.BatchExport.Seal(TestRecords.Tokenize(fixture.WorkDirectory, "RS", project.Id, fixture.Key, "RS-L1," + Person),
            project.Nodes["RS"], fixture.ServerCertificate);
        await OfflineTransfer.ImportAsync(project.Coordinator, rs, Cancel);
        await new Node.BatchSubmitter(project.Matching("BA")).SubmitAsync(
            TestRecords.Tokenize(fixture.WorkDirectory, "BA", project.Id, fixture.Key, "BA-L1," + Person), null, Cancel);
        var me = Node.Offline.BatchExport.Seal(TestRecords.Tokenize(fixture.WorkDirectory, "ME", project.Id, fixture.Key, "ME-L1," + Person),
            project.Nodes["ME"], fixture.ServerCertificate);
        await project.AdvanceAsync("start_matching", Cancel);

        var late = await Assert.ThrowsAsync<RpcException>(() => OfflineTransfer.ImportAsync(project.Coordinator, me, Cancel));
        var rsFile = await OfflineTransfer.ExportHitsAsync(project.Coordinator, new ExportHitsRequest { ProjectId = project.Id, Party = "RS" }, Cancel);
        var noCertificate = await Assert.ThrowsAsync<RpcException>(() => OfflineTransfer.ExportHitsAsync(project.Coordinator,
            new ExportHitsRequest { ProjectId = project.Id, Party = "ME" }, Cancel));
        var meFile = await OfflineTransfer.ExportHitsAsync(project.Coordinator, new ExportHitsRequest
        {
            ProjectId = project.Id, Party = "ME", RecipientCertificate = ByteString.CopyFrom(project.Nodes["ME"].Certificate.RawData),
        }, Cancel);

        Assert.Equal(StatusCode.FailedPrecondition, late.StatusCode);
        Assert.Contains("accepted only while it is open", late.Status.Detail, StringComparison.Ordinal);
        var hit = Assert.Single(HitsImport.Open(rsFile, project.Nodes["RS"], project.Id).Events);
        Assert.Equal(("BA", Band.Strong), (hit.OtherParty, hit.Band));
        Assert.Throws<InvalidOperationException>(() => HitsImport.Open(rsFile, project.Nodes["BA"], project.Id));
        Assert.Throws<Security.Offline.SealedFileException>(() =>
            Security.Offline.SealedFile.Read(rsFile, Security.Offline.SealedFileKind.Hits, 1 << 20).Open(project.CoordinatorIdentity.Certificate));
        Assert.Equal(StatusCode.FailedPrecondition, noCertificate.StatusCode);
        Assert.Empty(HitsImport.Open(meFile, project.Nodes["ME"], project.Id).Events);
    }

    private static (int Batches, long Records) Submission(string party, ProjectView view) =>
        ProjectQueries.FindSubmission(ProjectDocument.Parse(view.ProjectJson), party) is { } s ? (s.Batches, s.Records) : (0, 0);

    // The same batch id with one token byte changed: a valid batch file with other content.
    private static string WithOtherToken(string batch)
    {
        var bytes = File.ReadAllBytes(batch);
        bytes[^(BatchFormat.ChecksumLength + 1)] ^= 0x5A;
        SHA256.HashData(bytes.AsSpan(0, bytes.Length - BatchFormat.ChecksumLength), bytes.AsSpan(bytes.Length - BatchFormat.ChecksumLength));
        var path = batch + ".other.aqb";
        File.WriteAllBytes(path, bytes);
        return path;
    }
}
