using Aquila.Node;
using Aquila.Server.Application;
using Grpc.Core;

namespace Aquila.Server.Tests.ScaleOut;

/// <summary>redis-server stopped under a running server instance on the Redis store, seen from a node over mTLS.</summary>
[Collection(nameof(ServerCollection))]
public sealed class RedisOutageTests(RedisOutageServerFixture fixture) : IClassFixture<RedisOutageServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_node_submitting_while_redis_is_down_retries_and_is_told_the_store_is_unavailable_without_any_data()
    {
        fixture.Require();
        var before = fixture.Tokenize("RS", "RS-1,Petrović,Marko,Jovan,M,1985-03-12,Beograd,SRB,,,suspect");
        var during = fixture.Tokenize("RS", "RS-2,Jovanović,Ana,,Ž,1990-05-20,,RS,,,suspect");
        var (channel, client) = fixture.ConnectToRedisServer("RS");
        using (channel)
        {
            await new BatchSubmitter(client).SubmitAsync(before, null, Cancel);
            await fixture.StopRedisAsync();

            var refused = await Assert.ThrowsAsync<RpcException>(() =>
                new BatchSubmitter(client) { MaxAttempts = 2, FirstRetryDelay = TimeSpan.FromMilliseconds(100) }.SubmitAsync(during, null, Cancel));

            Assert.Equal(StatusCode.Unavailable, refused.StatusCode);
            Assert.StartsWith(StoreUnavailable.RedisMessage, refused.Status.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain(ServerFixture.Project, refused.Status.Detail, StringComparison.Ordinal);
            Assert.DoesNotContain("Jovanović", refused.Status.Detail, StringComparison.Ordinal);
        }
    }
}
