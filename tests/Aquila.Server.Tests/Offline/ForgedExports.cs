using Aquila.Node;
using Aquila.Node.Offline;
using Aquila.Security.Offline;
using Aquila.Tokens.Batches;

namespace Aquila.Server.Tests.Offline;

/// <summary>Export files that must be refused: damaged, forged, signed by the wrong certificate, or for the wrong project.</summary>
internal static class ForgedExports
{
    /// <summary>Case name, expected status, a fragment of the expected message.</summary>
    public static TheoryData<string, Grpc.Core.StatusCode, string> Cases() => new()
    {
        { "flipped byte", Grpc.Core.StatusCode.InvalidArgument, "altered" },
        { "truncated", Grpc.Core.StatusCode.InvalidArgument, "cut short" },
        { "a batch file, not an export file", Grpc.Core.StatusCode.InvalidArgument, "not an Aquila export file" },
        { "signed by another party's node", Grpc.Core.StatusCode.PermissionDenied, "names party RS but is signed by BA" },
        { "another party's batch under the signer's name", Grpc.Core.StatusCode.PermissionDenied, "made for party RS" },
        { "signed by a certificate of another CA", Grpc.Core.StatusCode.PermissionDenied, "not issued by a trusted" },
        { "signed by a revoked certificate", Grpc.Core.StatusCode.PermissionDenied, "revoked" },
        { "signed by an expired certificate", Grpc.Core.StatusCode.PermissionDenied, "expired" },
        { "signed by the coordinator", Grpc.Core.StatusCode.PermissionDenied, "only a party's node signs" },
        { "for another project", Grpc.Core.StatusCode.PermissionDenied, "not invited to a project 'elsewhere'" },
        { "this project's header around another project's batch", Grpc.Core.StatusCode.InvalidArgument, "made for project 'elsewhere'" },
        { "encrypted to another certificate than the server's", Grpc.Core.StatusCode.FailedPrecondition, "another server certificate" },
    };

    /// <summary>The file of one case, built around a fresh RS batch for the fixture's open project.</summary>
    public static byte[] Build(OfflineServerFixture fixture, string name)
    {
        var project = fixture.Open;
        var batch = fixture.TokenizeFor("RS", project.Id);
        var elsewhere = fixture.TokenizeFor("RS", "elsewhere");
        using var other = Load(fixture, "RS-other-ca");
        using var revoked = Load(fixture, "RS-revoked");
        using var expired = Load(fixture, "RS-expired");
        return name switch
        {
            "flipped byte" => Flip(Honest(fixture, batch)),
            "truncated" => Honest(fixture, batch)[..^10],
            "a batch file, not an export file" => File.ReadAllBytes(batch),
            "signed by another party's node" => Seal(fixture, project.Id, "RS", batch, project.Nodes["BA"]),
            "another party's batch under the signer's name" => Seal(fixture, project.Id, "BA", batch, project.Nodes["BA"]),
            "signed by a certificate of another CA" => BatchExport.Seal(batch, other, fixture.ServerCertificate),
            "signed by a revoked certificate" => BatchExport.Seal(batch, revoked, fixture.ServerCertificate),
            "signed by an expired certificate" => Seal(fixture, project.Id, "RS", batch, expired),
            "signed by the coordinator" => Seal(fixture, project.Id, "PCC", batch, project.CoordinatorIdentity),
            "for another project" => Honest(fixture, elsewhere),
            "this project's header around another project's batch" => Seal(fixture, project.Id, "RS", elsewhere, project.Nodes["RS"]),
            "encrypted to another certificate than the server's" => SealedFileWriter.Seal(Header(project.Id, "RS", batch),
                File.ReadAllBytes(batch), project.Nodes["BA"].Certificate, project.Nodes["RS"].Certificate),
            _ => throw new ArgumentException("Unknown case " + name, nameof(name)),
        };
    }

    public static byte[] Honest(OfflineServerFixture fixture, string batch) =>
        BatchExport.Seal(batch, fixture.Open.Nodes["RS"], fixture.ServerCertificate);

    public static string TokenizeFor(this OfflineServerFixture fixture, string party, string projectId) =>
        TestRecords.Tokenize(fixture.WorkDirectory, party, projectId, fixture.Key, $"{party}-F1,Forgić,Fran,,M,01.02.1970.,Split,HR,,,suspect");

    // A file sealed by hand: any header, any batch, any signer (what BatchExport refuses to make).
    private static byte[] Seal(OfflineServerFixture fixture, string projectId, string party, string batch, NodeIdentity signer) =>
        SealedFileWriter.Seal(Header(projectId, party, batch), File.ReadAllBytes(batch), fixture.ServerCertificate, signer.Certificate);

    private static SealedFileHeader Header(string projectId, string party, string batch)
    {
        using var reader = BatchFileReader.Open(batch);
        return new SealedFileHeader(SealedFileKind.TokenBatch, projectId, party, reader.Header.BatchId, DateTimeOffset.UtcNow,
            new FileInfo(batch).Length);
    }

    private static byte[] Flip(byte[] file)
    {
        file[file.Length / 2] ^= 0x20;
        return file;
    }

    private static NodeIdentity Load(OfflineServerFixture fixture, string identity) => NodeIdentity.Load(fixture.Identities[identity]);
}
