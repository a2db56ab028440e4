using System.Security.Cryptography;
using System.Text;
using StackExchange.Redis;

namespace Aquila.Matching.Redis;

/// <summary>
/// What the Redis store keeps of handles in hit streams, protected by the project's data key: AES-256-GCM (so a Redis
/// dump shows none; postings use the compact <see cref="RedisPostingCipher"/>). Subkeys are derived with HKDF, one per use. The data key itself is kept in Redis wrapped under a key derived from
/// K_server, so every server instance can use it and deleting it crypto-shreds the project.
/// </summary>
internal sealed class RedisDataCipher : IDisposable
{
    public const int DataKeySize = 32;
    public const int SealedSize = NonceSize + 16 + GcmTagSize;

    private const int NonceSize = 12;
    private const int GcmTagSize = 16;

    private readonly AesGcm _aes;
    private readonly byte[] _associated;
    private readonly Lock _gate = new();

    public RedisDataCipher(ReadOnlySpan<byte> dataKey, string projectId)
    {
        var encryption = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey.ToArray(), 32, info: "aquila-redis-handle-enc-v1"u8.ToArray());
        _aes = new AesGcm(encryption, GcmTagSize);
        CryptographicOperations.ZeroMemory(encryption);
        _associated = new byte[1 + Encoding.UTF8.GetByteCount(projectId)];
        Encoding.UTF8.GetBytes(projectId, _associated.AsSpan(1));
    }

    /// <summary>Encrypts a 16-byte handle for party <paramref name="party"/> (bound to the project and the party).</summary>
    public byte[] Seal(ReadOnlySpan<byte> handle, int party)
    {
        var sealedHandle = new byte[SealedSize];
        var nonce = sealedHandle.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        lock (_gate)
        {
            _associated[0] = (byte)party;
            _aes.Encrypt(nonce, handle, sealedHandle.AsSpan(NonceSize, 16), sealedHandle.AsSpan(NonceSize + 16), _associated);
        }

        return sealedHandle;
    }

    /// <summary>Decrypts a sealed handle of party <paramref name="party"/>.</summary>
    /// <exception cref="InvalidDataException">The value was not sealed under this project's data key for that party.</exception>
    public void Open(ReadOnlySpan<byte> sealedHandle, int party, Span<byte> handle)
    {
        if (sealedHandle.Length != SealedSize)
        {
            throw new InvalidDataException($"A stored handle must be {SealedSize} bytes; got {sealedHandle.Length}.");
        }

        try
        {
            lock (_gate)
            {
                _associated[0] = (byte)party;
                _aes.Decrypt(sealedHandle[..NonceSize], sealedHandle.Slice(NonceSize, 16), sealedHandle[(NonceSize + 16)..], handle[..16], _associated);
            }
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new InvalidDataException("A stored handle does not decrypt under the project's data key: the Redis data is damaged or belongs to another key.", e);
        }
    }

    /// <summary>
    /// The project's data key kept in Redis at <paramref name="dataKey"/> wrapped under K_server: created (random) by the
    /// first instance that opens the project, unwrapped by every later one. Created is true for the instance that made it.
    /// </summary>
    /// <exception cref="RedisStoreUnavailableException">The key vanished between the two reads (the project was purged).</exception>
    public static async Task<(byte[] Key, bool Created)> OpenOrCreateDataKeyAsync(
        IDatabase db, RedisKey dataKey, ReadOnlyMemory<byte> serverKey, string projectId)
    {
        var fresh = RandomNumberGenerator.GetBytes(DataKeySize);
        var created = await db.StringSetAsync(dataKey, Wrap(serverKey.Span, fresh, projectId), when: When.NotExists).ConfigureAwait(false);
        if (created)
        {
            return (fresh, true);
        }

        CryptographicOperations.ZeroMemory(fresh);
        var wrapped = (byte[]?)await db.StringGetAsync(dataKey).ConfigureAwait(false)
            ?? throw new RedisStoreUnavailableException($"The data key of project {projectId} vanished from Redis while it was opened (purged?).");
        return (Unwrap(serverKey.Span, wrapped, projectId), false);
    }

    /// <summary>Wraps a data key under the key derived from K_server (AES-256-GCM, bound to the project id).</summary>
    public static byte[] Wrap(ReadOnlySpan<byte> serverKey, ReadOnlySpan<byte> dataKey, string projectId)
    {
        var kek = WrappingKey(serverKey);
        try
        {
            using var aes = new AesGcm(kek, GcmTagSize);
            var wrapped = new byte[NonceSize + DataKeySize + GcmTagSize];
            RandomNumberGenerator.Fill(wrapped.AsSpan(0, NonceSize));
            aes.Encrypt(wrapped.AsSpan(0, NonceSize), dataKey, wrapped.AsSpan(NonceSize, DataKeySize), wrapped.AsSpan(NonceSize + DataKeySize),
                Encoding.UTF8.GetBytes(projectId));
            return wrapped;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    /// <summary>Unwraps a data key stored by <see cref="Wrap"/>.</summary>
    /// <exception cref="InvalidDataException">The key was wrapped under another K_server or is damaged.</exception>
    public static byte[] Unwrap(ReadOnlySpan<byte> serverKey, ReadOnlySpan<byte> wrapped, string projectId)
    {
        if (wrapped.Length != NonceSize + DataKeySize + GcmTagSize)
        {
            throw new InvalidDataException($"The wrapped data key of project {projectId} in Redis has {wrapped.Length} bytes; expected {NonceSize + DataKeySize + GcmTagSize}.");
        }

        var kek = WrappingKey(serverKey);
        try
        {
            using var aes = new AesGcm(kek, GcmTagSize);
            var dataKey = new byte[DataKeySize];
            aes.Decrypt(wrapped[..NonceSize], wrapped.Slice(NonceSize, DataKeySize), wrapped[(NonceSize + DataKeySize)..], dataKey,
                Encoding.UTF8.GetBytes(projectId));
            return dataKey;
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new InvalidDataException(
                $"The data key of project {projectId} in Redis was wrapped under another server key: every instance must use the same K_server file.", e);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(kek);
        }
    }

    public void Dispose()
    {
        _aes.Dispose();
    }

    private static byte[] WrappingKey(ReadOnlySpan<byte> serverKey) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, serverKey.ToArray(), 32, info: "aquila-redis-data-key-wrap-v1"u8.ToArray());
}
