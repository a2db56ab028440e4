using System.Security.Cryptography;
using System.Text;

namespace Aquila.Matching.Redis;

/// <summary>
/// Keys derived from a project's data key (the one Redis keeps wrapped under K_server) for the log layout: AES-256-GCM for
/// the log entries in Redis, and the key of each instance's local write-ahead log. Deleting the wrapped data key in Redis
/// therefore crypto-shreds the log and every instance's local copy of the project alike.
/// </summary>
internal sealed class RedisLogCipher : IDisposable
{
    /// <summary>Bytes a sealed entry adds to its plain bytes (nonce and tag).</summary>
    public const int Overhead = NonceSize + TagSize;

    private const int NonceSize = 12;
    private const int TagSize = 16;

    private readonly AesGcm _aes;
    private readonly byte[] _associated;
    private readonly Lock _gate = new();

    public RedisLogCipher(ReadOnlySpan<byte> dataKey, string projectId)
    {
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey.ToArray(), 32, info: "aquila-redis-log-entry-v1"u8.ToArray());
        _aes = new AesGcm(key, TagSize);
        CryptographicOperations.ZeroMemory(key);
        _associated = Encoding.UTF8.GetBytes("aquila-redis-log:" + projectId);
        LocalLogKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey.ToArray(), 32, info: "aquila-redis-log-local-wal-v1"u8.ToArray());
    }

    /// <summary>The data key of this instance's local write-ahead log of the project.</summary>
    public byte[] LocalLogKey { get; }

    /// <summary>Encrypts an encoded entry (bound to the project): nonce, ciphertext, tag.</summary>
    public byte[] Seal(ReadOnlySpan<byte> plain)
    {
        var sealedEntry = new byte[plain.Length + Overhead];
        var nonce = sealedEntry.AsSpan(0, NonceSize);
        RandomNumberGenerator.Fill(nonce);
        lock (_gate)
        {
            _aes.Encrypt(nonce, plain, sealedEntry.AsSpan(NonceSize, plain.Length), sealedEntry.AsSpan(NonceSize + plain.Length), _associated);
        }

        return sealedEntry;
    }

    /// <summary>Decrypts a sealed entry into <paramref name="plain"/> (its length less <see cref="Overhead"/>).</summary>
    /// <exception cref="InvalidDataException">The entry was not sealed under this project's data key, or is damaged.</exception>
    public void Open(ReadOnlySpan<byte> sealedEntry, Span<byte> plain)
    {
        if (sealedEntry.Length < Overhead)
        {
            throw new InvalidDataException($"A Redis log entry has {sealedEntry.Length} bytes; a sealed entry has at least {Overhead}.");
        }

        try
        {
            var length = sealedEntry.Length - Overhead;
            lock (_gate)
            {
                _aes.Decrypt(sealedEntry[..NonceSize], sealedEntry.Slice(NonceSize, length), sealedEntry[(NonceSize + length)..], plain[..length], _associated);
            }
        }
        catch (AuthenticationTagMismatchException e)
        {
            throw new InvalidDataException(
                "A Redis log entry does not decrypt under the project's data key: the Redis data is damaged or belongs to another key.", e);
        }
    }

    public void Dispose()
    {
        _aes.Dispose();
        CryptographicOperations.ZeroMemory(LocalLogKey);
    }
}
