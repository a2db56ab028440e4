using System.Collections.Concurrent;

namespace Aquila.Server.Lists;

/// <summary>
/// The nonces of signed queries seen within the signature window: a nonce is accepted once per party. Nonces older
/// than the window are forgotten (their queries are refused as stale anyway). Kept in memory (the embedded store; <see cref="RedisQueryNonces"/> with Redis): a restart forgets them,
/// so a captured query could be replayed only within the window right after a restart (docs/lists.md).
/// </summary>
internal sealed class InMemoryQueryNonces(TimeProvider clock, TimeSpan window) : QueryNonces
{
    private readonly ConcurrentDictionary<(string Party, UInt128 Nonce), long> _seen = new();
    private long _lastPrune;

    /// <inheritdoc/>
    public override ValueTask<bool> TryUseAsync(string party, ReadOnlySpan<byte> nonce)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        Prune(now);
        return ValueTask.FromResult(_seen.TryAdd((party, System.Buffers.Binary.BinaryPrimitives.ReadUInt128BigEndian(nonce)), now));
    }

    private void Prune(long now)
    {
        var last = Interlocked.Read(ref _lastPrune);
        var windowMs = (long)window.TotalMilliseconds;
        if (now - last < windowMs || Interlocked.CompareExchange(ref _lastPrune, now, last) != last)
        {
            return;
        }

        // Twice the window: a query signed at the far edge of the window may arrive a window later.
        foreach (var (key, seenAt) in _seen)
        {
            if (now - seenAt > 2 * windowMs)
            {
                _seen.TryRemove(key, out _);
            }
        }
    }
}
