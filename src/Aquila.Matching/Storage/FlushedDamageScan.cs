using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Aquila.Matching.Storage;

/// <summary>
/// Decides whether damage in the last segment hit records that were already flushed (and so acknowledged): it looks
/// past the damage for an authentic record whose durable end lies beyond the damaged offset. A torn tail holds only
/// records of the group commit in flight, and those were encoded before their own flush, so none of them can claim it.
/// </summary>
internal static class FlushedDamageScan
{
    private const int WindowSize = 1024 * 1024;
    private const int MinimumRecordLength = WalRecordCodec.HeaderLengthV2 + WalRecordCodec.TagLength + WalRecordCodec.ChecksumLength;

    /// <summary>
    /// True when a record after <paramref name="damageOffset"/> (the start of the first damaged record) authenticates and
    /// says the segment was flushed past that offset before it was written. Only for segments of format version 2.
    /// </summary>
    /// <param name="file">The segment file.</param>
    /// <param name="damageOffset">Where the first damaged, incomplete or out-of-order record starts.</param>
    /// <param name="fileLength">The segment's length.</param>
    /// <param name="lastLsn">The LSN of the last valid record before the damage (later records are above it).</param>
    /// <param name="cipher">The record cipher.</param>
    /// <param name="salt">The segment's salt.</param>
    public static bool FindsLaterRecordVouchingForIt(IStorageFile file, long damageOffset, long fileLength, long lastLsn, AesGcm cipher, uint salt)
    {
        var window = ArrayPool<byte>.Shared.Rent(WindowSize);
        try
        {
            // The damaged record's own length may be wrong, so every later offset is a possible record start. The header
            // tests below (length fits, LSN above, durable end between the damage and the candidate) rule out almost
            // every offset before any checksum is computed.
            var windowStart = damageOffset + 1;
            while (fileLength - windowStart >= MinimumRecordLength)
            {
                var read = file.Read(windowStart, window.AsSpan(0, (int)Math.Min(WindowSize, fileLength - windowStart)));
                var lastCandidate = read - MinimumRecordLength;
                if (lastCandidate < 0)
                {
                    return false;
                }

                for (var i = 0; i <= lastCandidate; i++)
                {
                    var offset = windowStart + i;
                    if (IsPlausible(window.AsSpan(i, MinimumRecordLength), offset, damageOffset, fileLength, lastLsn)
                        && IsAuthentic(file, offset, window.AsSpan(i, MinimumRecordLength), cipher, salt))
                    {
                        return true;
                    }
                }

                windowStart += lastCandidate + 1;
            }

            return false;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(window);
        }
    }

    private static bool IsPlausible(ReadOnlySpan<byte> header, long offset, long damageOffset, long fileLength, long lastLsn)
    {
        var n = BinaryPrimitives.ReadUInt32LittleEndian(header);
        if (n > WalRecordCodec.MaxPayloadLength || offset + WalRecordCodec.RecordLength(WalRecordCodec.HeaderLengthV2, (int)n) > fileLength)
        {
            return false;
        }

        var durableEnd = WalRecordCodec.ReadDurableEnd(header);
        return WalRecordCodec.ReadLsn(header) > lastLsn && durableEnd > damageOffset && durableEnd <= offset;
    }

    private static bool IsAuthentic(IStorageFile file, long offset, ReadOnlySpan<byte> header, AesGcm cipher, uint salt)
    {
        var n = WalRecordCodec.ReadPayloadLength(header);
        var length = WalRecordCodec.RecordLength(WalRecordCodec.HeaderLengthV2, n);
        var record = RecordBuffers.Rent(length);
        var payload = RecordBuffers.Rent(Math.Max(1, n));
        try
        {
            var bytes = record.AsSpan(0, length);
            return file.Read(offset, bytes) == length
                && WalRecordCodec.Check(bytes, WalRecordCodec.HeaderLengthV2, out _) == RecordStatus.Valid
                && WalRecordCodec.TryDecrypt(bytes, WalRecordCodec.HeaderLengthV2, cipher, salt, payload);
        }
        finally
        {
            RecordBuffers.Return(payload);
            RecordBuffers.Return(record);
        }
    }
}
