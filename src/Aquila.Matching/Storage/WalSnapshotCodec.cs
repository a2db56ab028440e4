using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Aquila.Matching.Storage;

/// <summary>
/// The content of a snapshot file <c>snapshot-&lt;lsn, 20 digits&gt;.snap</c>. Little-endian:
/// <code>
/// offset size field
/// 0      8    magic "AQWALSNP"
/// 8      4    u32 format version (1)
/// 12     4    u32 random salt
/// 16     8    u64 LSN: the snapshot holds the effect of every record up to and including it
/// 24     16   key check value of the data key
/// 40     4    u32 payload length n
/// 44     n    AES-256-GCM ciphertext (snapshot key; nonce = salt ‖ LSN; associated data = bytes [0, 44))
/// 44+n   16   GCM tag
/// 60+n   4    u32 CRC-32 over bytes [0, 60+n)
/// total  64+n
/// </code>
/// </summary>
internal static class WalSnapshotCodec
{
    private const uint FormatVersion = 1;

    public const int Overhead = 64;
    private const int PrefixLength = 44;

    private static ReadOnlySpan<byte> Magic => "AQWALSNP"u8;

    public static byte[] Encode(WalKeys keys, long lsn, ReadOnlySpan<byte> payload)
    {
        var n = payload.Length;
        var file = new byte[Overhead + n];
        var span = file.AsSpan();
        Magic.CopyTo(span);
        BinaryPrimitives.WriteUInt32LittleEndian(span[8..], FormatVersion);
        var salt = BinaryPrimitives.ReadUInt32LittleEndian(RandomNumberGenerator.GetBytes(4));
        BinaryPrimitives.WriteUInt32LittleEndian(span[12..], salt);
        BinaryPrimitives.WriteInt64LittleEndian(span[16..], lsn);
        keys.KeyCheck.CopyTo(span[24..]);
        BinaryPrimitives.WriteInt32LittleEndian(span[40..], n);

        Span<byte> nonce = stackalloc byte[WalRecordCodec.NonceLength];
        WalRecordCodec.WriteNonce(nonce, salt, lsn);
        using (var cipher = keys.CreateSnapshotCipher())
        {
            cipher.Encrypt(nonce, payload, span.Slice(PrefixLength, n), span.Slice(PrefixLength + n, WalRecordCodec.TagLength), span[..PrefixLength]);
        }

        var checksummed = PrefixLength + n + WalRecordCodec.TagLength;
        BinaryPrimitives.WriteUInt32LittleEndian(span[checksummed..], WalRecordCodec.Checksum(span[..checksummed]));
        return file;
    }

    /// <summary>Decodes a snapshot file; throws <see cref="WalCorruptionException"/> or <see cref="WalDataKeyMismatchException"/>.</summary>
    public static WalSnapshot Decode(WalKeys keys, ReadOnlySpan<byte> file, string fileName)
    {
        if (file.Length < Overhead || !file[..8].SequenceEqual(Magic))
        {
            throw new WalCorruptionException(fileName, 0, "is not a snapshot file or is cut short");
        }

        var n = BinaryPrimitives.ReadInt32LittleEndian(file[40..]);
        var checksummed = PrefixLength + n + WalRecordCodec.TagLength;
        if (n < 0 || file.Length != Overhead + n
            || BinaryPrimitives.ReadUInt32LittleEndian(file[checksummed..]) != WalRecordCodec.Checksum(file[..checksummed]))
        {
            throw new WalCorruptionException(fileName, 0, "has a wrong length or checksum");
        }

        if (!keys.Matches(file.Slice(24, WalKeys.KeyCheckLength)))
        {
            throw new WalDataKeyMismatchException(fileName);
        }

        var salt = BinaryPrimitives.ReadUInt32LittleEndian(file[12..]);
        var lsn = BinaryPrimitives.ReadInt64LittleEndian(file[16..]);
        var payload = new byte[n];
        Span<byte> nonce = stackalloc byte[WalRecordCodec.NonceLength];
        WalRecordCodec.WriteNonce(nonce, salt, lsn);
        try
        {
            using var cipher = keys.CreateSnapshotCipher();
            cipher.Decrypt(nonce, file.Slice(PrefixLength, n), file.Slice(PrefixLength + n, WalRecordCodec.TagLength), payload, file[..PrefixLength]);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new WalCorruptionException(fileName, PrefixLength, "failed authentication (it was altered)");
        }

        return new WalSnapshot(lsn, payload);
    }
}
