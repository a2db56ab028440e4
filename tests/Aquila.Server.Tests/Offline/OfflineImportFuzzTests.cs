using System.Security.Cryptography.X509Certificates;
using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Node.Offline;
using Aquila.Protocol.V1;
using Aquila.Security.Offline;
using Aquila.Tokens.Batches;
using FsCheck.Fluent;
using Grpc.Core;

namespace Aquila.Server.Tests.Offline;

/// <summary>
/// Mangled export files (.aqx) imported through the real server (ImportBatch over mutual TLS, as the coordinator): as
/// damaged in transit (any change breaks the signature) and as a hostile node makes them (mangled, then signed again
/// with its own valid node key, so the server's parsing, authentication and decryption meet every change). Each import
/// must end with a refusal status the coordinator can act on (never INTERNAL or UNKNOWN), be audited, and apply
/// nothing: the party has still submitted nothing and the batch has no receipt; afterwards an honest file (of ME,
/// so the other refusal tests still find RS without a submission) is accepted. 150 cases here; AQUILA_FUZZ_CASES for the long mode.
/// </summary>
/// <remarks>The fuzzing part of <see cref="OfflineImportRefusalTests"/>: it shares that class's server and open project.</remarks>
public partial class OfflineImportRefusalTests
{
    [Fact]
    public async Task A_mangled_export_file_is_refused_with_a_clear_status_audited_and_nothing_is_applied()
    {
        var batchPath = fixture.TokenizeFor("RS", fixture.Open.Id);
        var honest = ForgedExports.Honest(fixture, batchPath);
        var hostile = UnsignedPrefix(batchPath);
        using var signing = fixture.Open.Nodes["RS"].Certificate.GetECDsaPrivateKey()!;
        var before = fixture.Server.AuditHead.Sequence;
        var refusals = 0;
        var input =
            from resigned in Gen.Elements(false, true)
            from mutations in Fuzz.Mutations()
            select (Resigned: resigned, Mutations: mutations);

        Fuzz.Check("offline import (server)", input, Fuzz.Cases(150), c =>
        {
            byte[] file;
            if (c.Resigned)
            {
                var signed = Fuzz.Apply(hostile, c.Mutations);
                if (signed.AsSpan().SequenceEqual(hostile))
                {
                    return "unchanged (not sent)";
                }

                file = [.. signed, .. signing.SignData(signed, System.Security.Cryptography.HashAlgorithmName.SHA256,
                    System.Security.Cryptography.DSASignatureFormat.IeeeP1363FixedFieldConcatenation)];
            }
            else
            {
                file = Fuzz.Apply(honest, c.Mutations);
                if (file.AsSpan().SequenceEqual(honest))
                {
                    return "unchanged (not sent)";
                }
            }

            var refused = Assert.ThrowsAsync<RpcException>(() => OfflineTransfer.ImportAsync(fixture.Open.Coordinator, file, Cancel))
                .GetAwaiter().GetResult();
            Assert.True(refused.StatusCode is StatusCode.InvalidArgument or StatusCode.PermissionDenied or StatusCode.FailedPrecondition
                or StatusCode.ResourceExhausted or StatusCode.AlreadyExists, $"status {refused.StatusCode}: {refused.Status.Detail}");
            // The file's checks say "Import refused: ..."; a file cut to nothing is refused by the transfer itself.
            Assert.True(refused.Status.Detail.StartsWith("Import refused", StringComparison.Ordinal)
                || (file.Length == 0 && refused.Status.Detail.Contains("total_bytes > 0", StringComparison.Ordinal)), refused.Status.Detail);
            Interlocked.Increment(ref refusals);
            return (c.Resigned ? "re-signed: " : "mangled: ") + refused.StatusCode;
        });

        var entries = await fixture.Server.Audit.ReadAsync(before + 1, (2 * refusals) + 10, Cancel);
        Assert.Equal(refusals, entries.Count(e => e.Kind == AuditKind.BatchRefused && e.Details["route"] == "offline import"));
        Assert.DoesNotContain(entries, e => e.Kind is AuditKind.BatchAccepted);
        Assert.Null(ProjectQueries.FindSubmission(ProjectDocument.Parse((await fixture.Open.ShowAsync(Cancel)).ProjectJson), "RS"));
        Assert.Empty(fixture.Logs.Errors());

        var status = await fixture.Open.Matching("RS").GetBatchStatusAsync(
            new GetBatchStatusRequest { ProjectId = fixture.Open.Id, BatchId = Google.Protobuf.ByteString.CopyFrom(BatchIdOf(batchPath)) }, cancellationToken: Cancel);
        Assert.False(status.Accepted);
        var other = BatchExport.Seal(fixture.TokenizeFor("ME", fixture.Open.Id), fixture.Open.Nodes["ME"], fixture.ServerCertificate);
        var receipt = await OfflineTransfer.ImportAsync(fixture.Open.Coordinator, other, Cancel);
        Assert.False(receipt.Receipt.AlreadyAccepted);
    }

    [Fact]
    public void A_mangled_hits_file_is_refused_at_the_node_with_a_sealed_file_or_invalid_operation_error()
    {
        using var server = Security.Pki.NodeCredentials.Load(fixture.Pki.Server.CertificatePath, fixture.Pki.Server.KeyPath);
        var node = fixture.Open.Nodes["RS"];
        var hits = new OfflineHits { ProjectId = fixture.Open.Id, Party = "RS", CreatedAtUnixMs = 1_790_000_000_000 };
        for (var i = 1; i <= 20; i++)
        {
            hits.Events.Add(new HitEvent { Sequence = i, HitId = Google.Protobuf.ByteString.CopyFrom(new byte[16]), OtherParty = "BA" });
        }

        var content = Google.Protobuf.MessageExtensions.ToByteArray(hits);
        var header = new SealedFileHeader(SealedFileKind.Hits, fixture.Open.Id, "RS", new byte[16], DateTimeOffset.UtcNow, content.Length);
        var honest = SealedFileWriter.Seal(header, content, node.Certificate, server, [node.Authority]);
        Assert.Equal(20, HitsImport.Open(honest, node, fixture.Open.Id).Events.Count);

        Fuzz.Check("offline hits import (node)", Fuzz.Mutations(), Fuzz.Cases(300), mutations =>
        {
            var file = Fuzz.Apply(honest, mutations);
            if (file.AsSpan().SequenceEqual(honest))
            {
                return "unchanged";
            }

            var refused = Assert.ThrowsAny<Exception>(() => HitsImport.Open(file, node, fixture.Open.Id));
            Assert.True(refused is SealedFileException or InvalidOperationException, refused.ToString());
            return "refused: " + (refused is SealedFileException s ? s.Problem.ToString() : "not the server's / not for this node");
        });
    }

    private static byte[] BatchIdOf(string batchPath)
    {
        using var reader = BatchFileReader.Open(batchPath);
        return reader.Header.BatchId.ToArray();
    }

    // The export a hostile RS node makes, without its signature: every byte bound (no issuer certificates, which the
    // signature covers but nothing else checks), so any change it signs again must still be refused.
    private byte[] UnsignedPrefix(string batchPath)
    {
        var content = File.ReadAllBytes(batchPath);
        using var reader = BatchFileReader.Open(batchPath);
        var header = new SealedFileHeader(SealedFileKind.TokenBatch, fixture.Open.Id, "RS", reader.Header.BatchId, DateTimeOffset.UtcNow, content.Length);
        var file = SealedFileWriter.Seal(header, content, fixture.ServerCertificate, fixture.Open.Nodes["RS"].Certificate);
        return file[..^SealedFileFormat.SignatureLength];
    }
}
