using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Aquila.Matching.Index;

namespace Aquila.Matching.Lists;

/// <summary>
/// Hit ids of query hits: SHA-256("aquila-query-hit-v1" ‖ field ‖ field ‖ field ‖ field ‖ handle) truncated to 16 bytes,
/// where the fields are project id, querying party, case reference and contributor, each as u16 big-endian UTF-8 length
/// and bytes, and handle is the contributor's 16-byte entry handle. The same person asked again under the same case gives
/// the same hit id (one follow-up), another case gives another id; no id can be linked to the entry without the handle.
/// </summary>
public static class QueryHitIdentity
{
    /// <summary>Longest case reference, in UTF-8 bytes.</summary>
    public const int MaxCaseReferenceBytes = 128;

    private static ReadOnlySpan<byte> Domain => "aquila-query-hit-v1"u8;

    /// <summary>Computes the hit id of a query by <paramref name="querier"/> under <paramref name="caseReference"/> hitting an entry.</summary>
    public static HitId Compute(string projectId, string querier, string caseReference, string contributor, ReadOnlySpan<byte> handle)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(querier);
        ArgumentNullException.ThrowIfNull(caseReference);
        ArgumentNullException.ThrowIfNull(contributor);
        if (handle.Length != RecordHandle.Size)
        {
            throw new ArgumentException($"Record handles are {RecordHandle.Size} bytes.", nameof(handle));
        }

        var length = Domain.Length + 8 + Encoding.UTF8.GetByteCount(projectId) + Encoding.UTF8.GetByteCount(querier)
            + Encoding.UTF8.GetByteCount(caseReference) + Encoding.UTF8.GetByteCount(contributor) + RecordHandle.Size;
        var buffer = length <= 1024 ? stackalloc byte[length] : new byte[length];
        Domain.CopyTo(buffer);
        var at = Domain.Length;
        at = Write(buffer, at, projectId);
        at = Write(buffer, at, querier);
        at = Write(buffer, at, caseReference);
        at = Write(buffer, at, contributor);
        handle.CopyTo(buffer[at..]);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer, hash);
        return HitId.Read(hash[..HitId.Size]);
    }

    private static int Write(Span<byte> buffer, int at, string text)
    {
        var written = Encoding.UTF8.GetBytes(text, buffer[(at + 2)..]);
        if (written > ushort.MaxValue)
        {
            throw new ArgumentException("A hit id field is longer than 65535 bytes.", nameof(text));
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer[at..], (ushort)written);
        return at + 2 + written;
    }
}
