using Aquila.Server.ScaleOut;
using Grpc.Core;
using StackExchange.Redis;

namespace Aquila.Server.Lists;

/// <summary>
/// Query nonces in Redis, shared by every instance: one <c>SET NX PX</c> per query, kept twice the signature window (a
/// query signed at the far edge of the window may arrive a window later; older ones are refused as stale anyway).
/// </summary>
internal sealed class RedisQueryNonces(IConnectionMultiplexer redis, ScaleOutKeys keys, TimeSpan window) : QueryNonces
{
    /// <inheritdoc/>
    /// <exception cref="RpcException">Unavailable: Redis does not answer (nothing was answered or counted).</exception>
    public override ValueTask<bool> TryUseAsync(string party, ReadOnlySpan<byte> nonce) =>
        SetIfNewAsync(keys.Nonce(party, Convert.ToHexStringLower(nonce)));

    private async ValueTask<bool> SetIfNewAsync(RedisKey key)
    {
        try
        {
            return await redis.GetDatabase().StringSetAsync(key, 1, 2 * window, When.NotExists).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            throw RedisQueryQuotas.Unavailable(e);
        }
    }
}
