using System.Security.Cryptography.X509Certificates;
using Aquila.Coordination.Audit;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Security;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>A server that checks the caller of every open stream again before each message.</summary>
public sealed class StreamRecheckFixture : ServerFixture
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Identities["BA-watcher"] = Pki.IssueIdentity("BA", PartyRole.Node, "watcher");
        Options.StreamRecheckInterval = TimeSpan.Zero;
        await RestartAsync();
    }
}

/// <summary>
/// A certificate revoked while its WatchHits stream is open: the stream ends with UNAUTHENTICATED before the next hit
/// goes out (the connection is not cut for anyone else), and the refusal is audited.
/// </summary>
[Collection(nameof(ServerCollection))]
public class StreamRevocationTests(StreamRecheckFixture fixture) : IClassFixture<StreamRecheckFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_certificate_revoked_while_its_hit_stream_is_open_gets_no_further_hit_and_the_stream_ends_unauthenticated()
    {
        var (rsChannel, rsClient) = fixture.Connect("RS");
        var (baChannel, baClient) = fixture.Connect("BA");
        var (watcherChannel, watcherClient) = fixture.Connect("BA-watcher");
        using (rsChannel)
        using (baChannel)
        using (watcherChannel)
        {
            using var watch = watcherClient.WatchHits(new WatchHitsRequest { ProjectId = ServerFixture.Project, Follow = true },
                cancellationToken: Cancel);
            await new BatchSubmitter(rsClient).SubmitAsync(fixture.Tokenize("RS", "RS-S1,Marković,Ana,,Ž,1979-02-03,Niš,SRB,,,suspect"), null, Cancel);
            await new BatchSubmitter(baClient).SubmitAsync(fixture.Tokenize("BA", "BA-S1,Marković,Ana,,Ž,1979-02-03,Niš,SRB,,,suspect"), null, Cancel);
            Assert.True(await watch.ResponseStream.MoveNext(Cancel));
            var firstHit = watch.ResponseStream.Current.HitId;

            RevokeWatcher();
            await new BatchSubmitter(rsClient).SubmitAsync(fixture.Tokenize("RS", "RS-S2,Ilić,Marko,,M,1990-10-11,Kraljevo,SRB,,,suspect"), null, Cancel);
            await new BatchSubmitter(baClient).SubmitAsync(fixture.Tokenize("BA", "BA-S2,Ilić,Marko,,M,1990-10-11,Kraljevo,SRB,,,suspect"), null, Cancel);

            var ended = await Assert.ThrowsAsync<RpcException>(() => watch.ResponseStream.MoveNext(Cancel));
            Assert.Equal(StatusCode.Unauthenticated, ended.StatusCode);
            Assert.Contains("revoked", ended.Status.Detail, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("stream was ended", ended.Status.Detail, StringComparison.Ordinal);

            // The same server still streams to BA's valid certificate: the second hit is there, and it is new.
            var baHits = await SubmitAndHitsTests.ReadAsync(baClient, 0);
            Assert.Equal(2, baHits.Count);
            Assert.Equal(firstHit, baHits[0].HitId);
            var entries = await fixture.Server.Audit.ReadAsync(1, 10_000, Cancel);
            Assert.Contains(entries, e => e.Kind == AuditKind.AuthFailed && e.Details["method"] == "/aquila.v1.Matching/WatchHits"
                && e.Details["failure"] == "Revoked" && e.Details["reason"].Contains("stream was ended", StringComparison.Ordinal));
        }
    }

    private void RevokeWatcher()
    {
        var path = Directory.GetFiles(fixture.Identities["BA-watcher"], "*.crt.pem").Single(f => Path.GetFileName(f) != "ca.crt.pem");
        using var certificate = X509CertificateLoader.LoadCertificateFromFile(path);
        fixture.Pki.Authority.Revoke(certificate);
    }
}
