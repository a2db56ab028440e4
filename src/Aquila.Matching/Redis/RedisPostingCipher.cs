using System.Security.Cryptography;

namespace Aquila.Matching.Redis;

/// <summary>
/// How postings hold a handle: one AES-256 block under a key derived from the project's data key for each party, so a
/// posting is 16 bytes. Deterministic on purpose: equal handles of one party give equal values, which is what dedupes a
/// resent posting (the same equality the earlier HMAC tag revealed, and no more); a Redis dump shows no handle. Unlike
/// the sealed handles of hit streams (<see cref="RedisDataCipher.Seal"/>) there is no authentication tag: a damaged
/// posting opens to a handle no node holds.
/// </summary>
internal sealed class RedisPostingCipher : IDisposable
{
    /// <summary>Bytes of one sealed posting handle.</summary>
    public const int Size = 16;

    private readonly byte[][] _keys;

    public RedisPostingCipher(ReadOnlySpan<byte> dataKey, int parties)
    {
        _keys = new byte[parties][];
        var info = "aquila-redis-posting-v2-?"u8.ToArray();
        for (var p = 0; p < parties; p++)
        {
            info[^1] = (byte)p;
            _keys[p] = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey.ToArray(), 32, info: info);
        }
    }

    /// <summary>Seals whole 16-byte handles of party <paramref name="party"/>, one block each, in one call.</summary>
    public void Seal(int party, ReadOnlySpan<byte> handles, Span<byte> destination)
    {
        using var aes = Create(party);
        aes.EncryptEcb(handles, destination, PaddingMode.None);
    }

    /// <summary>Opens sealed handles of party <paramref name="party"/>, one block each, in one call.</summary>
    public void Open(int party, ReadOnlySpan<byte> sealedHandles, Span<byte> destination)
    {
        using var aes = Create(party);
        aes.DecryptEcb(sealedHandles, destination, PaddingMode.None);
    }

    public void Dispose()
    {
        foreach (var key in _keys)
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    // An Aes object per call: the store seals and opens from concurrent submissions.
    private Aes Create(int party)
    {
        var aes = Aes.Create();
        aes.Key = _keys[party];
        return aes;
    }
}
