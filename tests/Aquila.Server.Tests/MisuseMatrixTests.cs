using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Aquila.Node;
using Aquila.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using Grpc.Net.Client;

namespace Aquila.Server.Tests;

/// <summary>
/// Every RPC × every kind of caller: the status each gets, and an audit entry for every refusal. The same table
/// is in docs/security-tests.md.
/// </summary>
[Collection(nameof(ServerCollection))]
public class MisuseMatrixTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    public static TheoryData<string, string, StatusCode> Matrix()
    {
        var data = new TheoryData<string, string, StatusCode>();
        string[] rpcs = ["SubmitBatch", "GetBatchStatus", "WatchHits", "GetProject", "Health.Check"];
        foreach (var rpc in rpcs)
        {
            foreach (var caller in new[] { "no certificate", "self-signed", "other CA", "expired", "revoked" })
            {
                data.Add(rpc, caller, StatusCode.Unauthenticated);
            }

            var matcher = rpc != "Health.Check";
            data.Add(rpc, "analyst (wrong role)", matcher ? StatusCode.PermissionDenied : StatusCode.OK);
            data.Add(rpc, "party not invited", matcher ? StatusCode.PermissionDenied : StatusCode.OK);
            data.Add(rpc, "invited node", StatusCode.OK);
        }

        data.Add("SubmitBatch", "node of another party (its batch)", StatusCode.PermissionDenied);
        return data;
    }

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_caller_gets_the_right_status_and_every_refusal_is_audited(string rpc, string caller, StatusCode expected)
    {
        using var channel = Channel(caller);
        var before = fixture.Server.AuditHead.Sequence;

        var status = await CallAsync(rpc, caller, channel);

        Assert.Equal(expected, status);
        if (expected != StatusCode.OK)
        {
            // A repeat of an earlier refusal (same source and reason) is counted and written with the interval's
            // summary (issue 17): write it now.
            await fixture.Server.FlushRefusalsAsync();
            Assert.True(fixture.Server.AuditHead.Sequence > before, $"{rpc} by {caller}: refusal not audited");
        }
    }

    private GrpcChannel Channel(string caller)
    {
        switch (caller)
        {
            case "no certificate":
                return fixture.ConnectRaw(null);
            case "self-signed":
                using (var key = ECDsa.Create(ECCurve.NamedCurves.nistP256))
                {
                    var request = new CertificateRequest("CN=RS-node-1, OU=node, O=RS", key, HashAlgorithmName.SHA256);
                    return fixture.ConnectRaw(request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1)));
                }

            default:
                var identity = caller switch
                {
                    "other CA" => "RS-other-ca",
                    "expired" => "RS-expired",
                    "revoked" => "RS-revoked",
                    "analyst (wrong role)" => "RS-analyst",
                    "party not invited" => "AL",
                    _ => "RS",
                };
                return fixture.Connect(identity).Channel;
        }
    }

    private async Task<StatusCode> CallAsync(string rpc, string caller, GrpcChannel channel)
    {
        var client = new Protocol.V1.Matching.MatchingClient(channel);
        try
        {
            switch (rpc)
            {
                case "SubmitBatch":
                    var party = caller switch
                    {
                        "node of another party (its batch)" => "BA",
                        "party not invited" => "AL",
                        _ => "RS",
                    };
                    var batch = fixture.Tokenize(party, $"{party}-M{Guid.NewGuid():N},Matrix,Case,,M,1970-01-02,,RS,,,suspect");
                    await new BatchSubmitter(client) { MaxAttempts = 1 }.SubmitAsync(batch, null, Cancel);
                    break;
                case "GetBatchStatus":
                    await client.GetBatchStatusAsync(new GetBatchStatusRequest { ProjectId = ServerFixture.Project, BatchId = ByteString.CopyFrom(new byte[16]) },
                        cancellationToken: Cancel);
                    break;
                case "WatchHits":
                    using (var call = client.WatchHits(new WatchHitsRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel))
                    {
                        while (await call.ResponseStream.MoveNext(Cancel))
                        {
                        }
                    }

                    break;
                case "GetProject":
                    await client.GetProjectAsync(new GetProjectRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel);
                    break;
                default:
                    await new Grpc.Health.V1.Health.HealthClient(channel).CheckAsync(new HealthCheckRequest(), cancellationToken: Cancel);
                    break;
            }

            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }
}
