using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Aquila.Coordination.Audit;

/// <summary>
/// The canonical byte encoding of an audit entry, version 1 — what is hashed, independent of how SQLite stores a row.
/// All integers are big-endian; a <i>string</i> is a u32 byte length followed by that many bytes of strict UTF-8.
/// <code>
/// bytes  field
/// 7      magic "AQAUDIT" (ASCII)
/// 1      u8 format version (1)
/// 8      i64 sequence
/// 8      i64 timestamp, milliseconds since 1970-01-01T00:00:00Z
/// 4+n    string kind
/// 4+n    string actor text ("RS/node", "anonymous", "system")
/// 1[+4+n] u8 0 = no project id; u8 1 then string project id
/// 1[+4+n] u8 0 = no subject;    u8 1 then string subject
/// 4      u32 number of details
///        per detail, keys in ascending ordinal order (keys are ASCII, so this is byte order): string key, string value
/// </code>
/// <c>hash = SHA-256(prev hash (32 bytes) ‖ canonical bytes)</c>; entry 1's prev hash is 32 zero bytes. Every field is
/// length-prefixed or flagged, so the encoding is injective: no two different entries share their bytes, and moving
/// characters from one field to another changes them. The hashes themselves are not part of the canonical bytes.
/// </summary>
public static class AuditEntryEncoding
{
    /// <summary>The format version written after the magic.</summary>
    public const byte FormatVersion = 1;

    private static ReadOnlySpan<byte> Magic => "AQAUDIT"u8;

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The canonical bytes of <paramref name="entry"/> (its hashes are not included).</summary>
    /// <exception cref="ArgumentException">A text field holds a lone UTF-16 surrogate.</exception>
    public static byte[] Encode(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var details = SortedDetails(entry.Details);
        var bytes = new byte[EncodedLength(entry, details)];
        Write(entry, details, bytes);
        return bytes;
    }

    /// <summary>SHA-256(<see cref="AuditEntry.PrevHash"/> ‖ <see cref="Encode"/>): what <see cref="AuditEntry.Hash"/> must be.</summary>
    public static AuditHash ComputeHash(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var details = SortedDetails(entry.Details);
        var length = AuditHash.Length + EncodedLength(entry, details);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(length);
        try
        {
            entry.PrevHash.CopyTo(buffer);
            Write(entry, details, buffer.AsSpan(AuditHash.Length, length - AuditHash.Length));
            Span<byte> hash = stackalloc byte[AuditHash.Length];
            SHA256.HashData(buffer.AsSpan(0, length), hash);
            return AuditHash.FromBytes(hash);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static ReadOnlySpan<KeyValuePair<string, string>> SortedDetails(IReadOnlyDictionary<string, string> details)
    {
        ArgumentNullException.ThrowIfNull(details);
        if (details is AuditDetails checkedDetails)
        {
            // Already in ordinal key order with distinct keys; the encoders only read the pairs.
            return checkedDetails.Pairs;
        }

        var pairs = new KeyValuePair<string, string>[details.Count];
        var i = 0;
        var sorted = true;
        foreach (var pair in details)
        {
            sorted = sorted && (i == 0 || string.CompareOrdinal(pairs[i - 1].Key, pair.Key) < 0);
            pairs[i++] = pair;
        }

        // An AuditEvent's details already enumerate in ordinal key order (an entry read back too): no sort needed then.
        if (!sorted)
        {
            Array.Sort(pairs, static (a, b) => string.CompareOrdinal(a.Key, b.Key));
        }

        return pairs;
    }

    private static int EncodedLength(AuditEntry entry, ReadOnlySpan<KeyValuePair<string, string>> details)
    {
        var length = Magic.Length + 1 + 8 + 8;
        length += StringLength(entry.Kind) + StringLength(entry.Actor.Text);
        length += 1 + (entry.ProjectId is null ? 0 : StringLength(entry.ProjectId));
        length += 1 + (entry.Subject is null ? 0 : StringLength(entry.Subject));
        length += 4;
        foreach (var (key, value) in details)
        {
            length += StringLength(key) + StringLength(value);
        }

        return length;
    }

    private static int StringLength(string text) => 4 + StrictUtf8.GetByteCount(text);

    private static void Write(AuditEntry entry, ReadOnlySpan<KeyValuePair<string, string>> details, Span<byte> destination)
    {
        Magic.CopyTo(destination);
        var offset = Magic.Length;
        destination[offset++] = FormatVersion;
        BinaryPrimitives.WriteInt64BigEndian(destination[offset..], entry.Sequence);
        offset += 8;
        BinaryPrimitives.WriteInt64BigEndian(destination[offset..], entry.Timestamp.ToUnixTimeMilliseconds());
        offset += 8;
        offset += WriteString(entry.Kind, destination[offset..]);
        offset += WriteString(entry.Actor.Text, destination[offset..]);
        offset += WriteOptionalString(entry.ProjectId, destination[offset..]);
        offset += WriteOptionalString(entry.Subject, destination[offset..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination[offset..], (uint)details.Length);
        offset += 4;
        foreach (var (key, value) in details)
        {
            offset += WriteString(key, destination[offset..]);
            offset += WriteString(value, destination[offset..]);
        }

        if (offset != destination.Length)
        {
            throw new InvalidOperationException("Audit entry encoding wrote an unexpected number of bytes.");
        }
    }

    private static int WriteOptionalString(string? text, Span<byte> destination)
    {
        if (text is null)
        {
            destination[0] = 0;
            return 1;
        }

        destination[0] = 1;
        return 1 + WriteString(text, destination[1..]);
    }

    private static int WriteString(string text, Span<byte> destination)
    {
        var written = StrictUtf8.GetBytes(text, destination[4..]);
        BinaryPrimitives.WriteUInt32BigEndian(destination, (uint)written);
        return 4 + written;
    }
}
