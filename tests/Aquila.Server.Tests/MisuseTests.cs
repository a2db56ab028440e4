using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Node;
using Aquila.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Net.Client;

namespace Aquila.Server.Tests;

/// <summary>Callers who should not get in, or not this far: each gets the right status, a clear message, and an audit entry.</summary>
[Collection(nameof(ServerCollection))]
public class MisuseTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    public static TheoryData<string, string> RefusedCertificates() => new()
    {
        { "RS-revoked", "revoked" },
        { "RS-expired", "expired" },
        { "RS-other-ca", "trusted" },
    };

    [Theory]
    [MemberData(nameof(RefusedCertificates))]
    public async Task A_certificate_the_server_does_not_accept_is_unauthenticated_and_audited(string identity, string expected)
    {
        var (channel, client) = fixture.Connect(identity);
        using (channel)
        {
            var before = fixture.Server.AuditHead.Sequence;

            var error = await Assert.ThrowsAsync<RpcException>(() =>
                client.GetProjectAsync(new GetProjectRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel).ResponseAsync);

            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
            Assert.Contains(expected, error.Status.Detail, StringComparison.OrdinalIgnoreCase);
            Assert.True(fixture.Server.AuditHead.Sequence > before, "the refusal was not audited");
        }
    }

    [Fact]
    public async Task A_caller_without_a_certificate_is_unauthenticated()
    {
        using var channel = RawChannel(clientCertificate: null);
        var client = new Protocol.V1.Matching.MatchingClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetProjectAsync(new GetProjectRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task A_self_signed_certificate_claiming_a_party_is_unauthenticated()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=RS-node-1, OU=node, O=RS", key, HashAlgorithmName.SHA256);
        using var selfSigned = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        using var channel = RawChannel(selfSigned);
        var client = new Protocol.V1.Matching.MatchingClient(channel);

        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetProjectAsync(new GetProjectRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    [Fact]
    public async Task An_analyst_certificate_may_not_submit_batches()
    {
        var batch = fixture.Tokenize("RS", "RS-50,Marković,Luka,,M,1980-01-15,,RS,,,suspect");
        var (channel, client) = fixture.Connect("RS-analyst");
        using (channel)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => new BatchSubmitter(client).SubmitAsync(batch, null, Cancel));

            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
            Assert.Contains("node", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_node_may_not_submit_a_batch_made_for_another_party()
    {
        var baBatch = fixture.Tokenize("BA", "BA-50,Marković,Luka,,M,1980-01-15,,RS,,,suspect");
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => new BatchSubmitter(client).SubmitAsync(baBatch, null, Cancel));

            Assert.Equal(StatusCode.PermissionDenied, error.StatusCode);
            Assert.Contains("your certificate is party RS", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_party_not_invited_to_the_project_is_denied_and_learns_nothing_about_it()
    {
        var (channel, client) = fixture.Connect("AL");
        using (channel)
        {
            var invited = await Assert.ThrowsAsync<RpcException>(() =>
                client.GetProjectAsync(new GetProjectRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel).ResponseAsync);
            var missing = await Assert.ThrowsAsync<RpcException>(() =>
                client.GetProjectAsync(new GetProjectRequest { ProjectId = "no-such-project" }, cancellationToken: Cancel).ResponseAsync);

            Assert.Equal(StatusCode.PermissionDenied, invited.StatusCode);
            Assert.Equal(StatusCode.PermissionDenied, missing.StatusCode);
            Assert.Equal(invited.Status.Detail.Replace(ServerFixture.Project, "X", StringComparison.Ordinal),
                missing.Status.Detail.Replace("no-such-project", "X", StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task A_batch_built_with_another_schema_is_refused()
    {
        var schemaPath = Path.Combine(fixture.WorkDirectory, "other-schema.json");
        File.WriteAllText(schemaPath, """{"schema":"aquila-match-keys","version":1,"keys":[{"id":"nid","band":"strong","fields":["national_id"]}]}""");
        var csv = Path.Combine(fixture.WorkDirectory, "schema.csv");
        File.WriteAllText(csv, TestRecords.Header + "\nRS-60,A,B,,M,1980,,RS,,1203985710009,\n");
        var batch = Path.Combine(fixture.WorkDirectory, "schema.aqb");
        Tokens.Pipeline.BatchTokenizer.Run(new Tokens.Pipeline.TokenizeOptions
        {
            InputPath = csv, BatchPath = batch, Party = "RS", ProjectId = ServerFixture.Project,
            Schema = Tokens.Keys.MatchKeySchema.Load(schemaPath),
        }, fixture.Key, null, Cancel);
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => new BatchSubmitter(client).SubmitAsync(batch, null, Cancel));

            Assert.Equal(StatusCode.FailedPrecondition, error.StatusCode);
            Assert.Contains("schema", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_corrupted_chunk_is_refused_and_nothing_is_accepted()
    {
        var batch = fixture.Tokenize("RS", "RS-70,Kovač,Ivan,,M,1975-09-09,,RS,,,suspect");
        var bytes = File.ReadAllBytes(batch);
        var declaredChecksum = bytes[^32..];
        bytes[bytes.Length / 2] ^= 0x01;
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => SendRawAsync(client, bytes, declaredChecksum, bytes.Length));
            var status = await client.GetBatchStatusAsync(new GetBatchStatusRequest
            {
                ProjectId = ServerFixture.Project, BatchId = ByteString.CopyFrom(SubmitAndHitsTests.BatchIdOf(batch)),
            }, cancellationToken: Cancel);

            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.False(status.Accepted);
        }
    }

    [Fact]
    public async Task A_batch_cut_mid_stream_is_refused()
    {
        var batch = fixture.Tokenize("RS", "RS-71,Kovač,Ivana,,Ž,1976-09-09,,RS,,,suspect");
        var bytes = File.ReadAllBytes(batch);
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => SendRawAsync(client, bytes[..(bytes.Length / 2)], bytes[^32..], bytes.Length));

            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Contains("cut short", error.Status.Detail, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task An_oversized_batch_is_refused_before_it_is_sent()
    {
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() => SendRawAsync(client, [], new byte[32], 1L << 30));

            Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        }
    }

    private static async Task SendRawAsync(Protocol.V1.Matching.MatchingClient client, byte[] content, byte[] checksum, long declaredLength)
    {
        using var call = client.SubmitBatch(cancellationToken: Cancel);
        var batchId = content.Length >= 26 ? content[10..26] : new byte[16];
        await call.RequestStream.WriteAsync(new SubmitBatchRequest
        {
            Start = new BatchStart
            {
                ProjectId = ServerFixture.Project, BatchId = ByteString.CopyFrom(batchId), TotalBytes = declaredLength,
                Sha256 = ByteString.CopyFrom(checksum),
            },
        }, Cancel);
        try
        {
            if (content.Length > 0)
            {
                await call.RequestStream.WriteAsync(new SubmitBatchRequest { Chunk = ByteString.CopyFrom(content) }, Cancel);
            }

            await call.RequestStream.CompleteAsync();
        }
        catch (RpcException)
        {
            // Refused while sending: the status is on the response.
        }

        await call;
    }

    private GrpcChannel RawChannel(X509Certificate2? clientCertificate) => fixture.ConnectRaw(clientCertificate);
}
