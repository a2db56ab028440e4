using System.Security.Cryptography;
using System.Text;

namespace Aquila.Matching.Storage;

/// <summary>
/// Keys derived from the project's data key with HKDF-SHA256: one for records, one for snapshots (so their nonces
/// can never collide) and a 16-byte key check value stored in every file header, which turns a wrong data key into
/// a clear error instead of a tag failure that looks like tampering.
/// </summary>
internal sealed class WalKeys : IDisposable
{
    public const int DataKeyLength = 32;
    public const int KeyCheckLength = 16;

    private readonly byte[] _recordKey = new byte[32];
    private readonly byte[] _snapshotKey = new byte[32];
    private readonly byte[] _keyCheck = new byte[KeyCheckLength];

    public WalKeys(ReadOnlySpan<byte> dataKey)
    {
        if (dataKey.Length != DataKeyLength)
        {
            throw new ArgumentException($"The data key must be {DataKeyLength} bytes, not {dataKey.Length}.", nameof(dataKey));
        }

        HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, _recordKey, salt: [], Encoding.ASCII.GetBytes("aquila wal records v1"));
        HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, _snapshotKey, salt: [], Encoding.ASCII.GetBytes("aquila wal snapshots v1"));
        HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, _keyCheck, salt: [], Encoding.ASCII.GetBytes("aquila wal key check v1"));
    }

    public ReadOnlySpan<byte> KeyCheck => _keyCheck;

    public bool Matches(ReadOnlySpan<byte> storedKeyCheck) => CryptographicOperations.FixedTimeEquals(storedKeyCheck, _keyCheck);

    /// <summary>A new cipher for records; <see cref="AesGcm"/> is not safe for concurrent use, so each user takes its own.</summary>
    public AesGcm CreateRecordCipher() => new(_recordKey, WalRecordCodec.TagLength);

    public AesGcm CreateSnapshotCipher() => new(_snapshotKey, WalRecordCodec.TagLength);

    /// <summary>
    /// The cipher of one chunked snapshot file: a key of its own derived from the snapshot key and the file's random
    /// 16-byte salt, so chunk nonces can simply count from 0 in every file.
    /// </summary>
    public AesGcm CreateSnapshotChunkCipher(ReadOnlySpan<byte> fileSalt)
    {
        Span<byte> key = stackalloc byte[32];
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _snapshotKey, key, fileSalt, "aquila wal snapshot chunks v2"u8);
        try
        {
            return new AesGcm(key, WalRecordCodec.TagLength);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
        }
    }

    public void Dispose()
    {
        CryptographicOperations.ZeroMemory(_recordKey);
        CryptographicOperations.ZeroMemory(_snapshotKey);
    }
}
