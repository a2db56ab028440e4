using System.Diagnostics;
using Aquila.Node;
using Aquila.Protocol.V1;
using Grpc.Core;

namespace Aquila.Server.Tests.Crash;

[Collection(nameof(ServerCollection))]
public class ShutdownTests(ShutdownFixture fixture) : IClassFixture<ShutdownFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_stopping_server_ends_following_hit_streams_at_once_with_unavailable_so_nodes_resume()
    {
        var (baChannel, baClient) = fixture.Connect("BA");
        var (channel, client) = fixture.Connect("RS");
        using (baChannel)
        using (channel)
        {
            await new BatchSubmitter(client).SubmitAsync(
                fixture.Tokenize("RS", "RS-1,Gashi,Arta,Agim,Ž,03.04.1990,Priština,XK,,,suspect"), null, Cancel);
            await new BatchSubmitter(baClient).SubmitAsync(
                fixture.Tokenize("BA", "BA-1,Gashi,Arta,Agim,Ž,1990-04-03,Prishtina,XK,,,suspect"), null, Cancel);

            using var call = client.WatchHits(new WatchHitsRequest { ProjectId = ServerFixture.Project, Follow = true },
                cancellationToken: Cancel);
            Assert.True(await call.ResponseStream.MoveNext(Cancel)); // the stream is open and now waits for more hits

            var clock = Stopwatch.StartNew();
            await fixture.Server.DisposeAsync();
            var stopped = clock.Elapsed;
            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseStream.MoveNext(Cancel));
            await fixture.StartAsync();

            Assert.True(stopped < TimeSpan.FromSeconds(10), $"stopping took {stopped.TotalSeconds:F1} s");
            Assert.Equal(StatusCode.Unavailable, error.StatusCode);
        }
    }
}
