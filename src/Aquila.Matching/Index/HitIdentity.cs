using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Aquila.Matching.Index;

/// <summary>
/// Computes hit ids: SHA-256("aquila-hit-v1" ‖ u16 length ‖ project id ‖ side ‖ side), truncated to 16 bytes, where
/// each side is (u8 length ‖ party code ‖ 16-byte handle), lengths are big-endian byte counts of UTF-8, and the two
/// sides are ordered by party code (ordinal UTF-8 bytes, then handle) so the arrival order does not matter.
/// </summary>
public static class HitIdentity
{
    /// <summary>Largest project id, in UTF-8 bytes.</summary>
    public const int MaxProjectIdBytes = 256;

    /// <summary>Largest party code, in UTF-8 bytes.</summary>
    public const int MaxPartyCodeBytes = 32;

    private static ReadOnlySpan<byte> Domain => "aquila-hit-v1"u8;

    /// <summary>Computes the id of the hit between two records of two parties of a project.</summary>
    public static HitId Compute(string projectId, string partyCodeA, ReadOnlySpan<byte> handleA, string partyCodeB, ReadOnlySpan<byte> handleB)
    {
        ArgumentNullException.ThrowIfNull(projectId);
        ArgumentNullException.ThrowIfNull(partyCodeA);
        ArgumentNullException.ThrowIfNull(partyCodeB);
        if (handleA.Length != RecordHandle.Size || handleB.Length != RecordHandle.Size)
        {
            throw new ArgumentException($"Record handles are {RecordHandle.Size} bytes.");
        }

        Span<byte> buffer = stackalloc byte[13 + 2 + MaxProjectIdBytes + (2 * (1 + MaxPartyCodeBytes + RecordHandle.Size))];
        Domain.CopyTo(buffer);
        var at = Domain.Length;
        at = WriteProjectId(buffer, at, projectId);

        Span<byte> codeA = stackalloc byte[MaxPartyCodeBytes];
        Span<byte> codeB = stackalloc byte[MaxPartyCodeBytes];
        codeA = codeA[..Encode(partyCodeA, codeA)];
        codeB = codeB[..Encode(partyCodeB, codeB)];
        var order = codeA.SequenceCompareTo(codeB);
        if (order == 0)
        {
            order = handleA.SequenceCompareTo(handleB);
        }

        if (order <= 0)
        {
            at = WriteSide(buffer, at, codeA, handleA);
            at = WriteSide(buffer, at, codeB, handleB);
        }
        else
        {
            at = WriteSide(buffer, at, codeB, handleB);
            at = WriteSide(buffer, at, codeA, handleA);
        }

        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(buffer[..at], hash);
        return HitId.Read(hash[..HitId.Size]);
    }

    /// <summary>Throws when <paramref name="projectId"/> cannot be used in hit ids.</summary>
    internal static void ValidateProjectId(string projectId)
    {
        if (string.IsNullOrEmpty(projectId) || Encoding.UTF8.GetByteCount(projectId) > MaxProjectIdBytes)
        {
            throw new ArgumentException($"The project id must be 1 to {MaxProjectIdBytes} UTF-8 bytes.", nameof(projectId));
        }
    }

    /// <summary>Throws when <paramref name="partyCode"/> cannot be used in hit ids.</summary>
    internal static void ValidatePartyCode(string partyCode)
    {
        if (string.IsNullOrEmpty(partyCode) || Encoding.UTF8.GetByteCount(partyCode) > MaxPartyCodeBytes)
        {
            throw new ArgumentException($"A party code must be 1 to {MaxPartyCodeBytes} UTF-8 bytes.", nameof(partyCode));
        }
    }

    private static int Encode(string code, Span<byte> destination)
    {
        if (code.Length == 0 || !Encoding.UTF8.TryGetBytes(code, destination, out var written))
        {
            throw new ArgumentException($"A party code must be 1 to {MaxPartyCodeBytes} UTF-8 bytes.");
        }

        return written;
    }

    private static int WriteProjectId(Span<byte> buffer, int at, string projectId)
    {
        if (projectId.Length == 0 || !Encoding.UTF8.TryGetBytes(projectId, buffer.Slice(at + 2, MaxProjectIdBytes), out var written))
        {
            throw new ArgumentException($"The project id must be 1 to {MaxProjectIdBytes} UTF-8 bytes.", nameof(projectId));
        }

        BinaryPrimitives.WriteUInt16BigEndian(buffer[at..], (ushort)written);
        return at + 2 + written;
    }

    private static int WriteSide(Span<byte> buffer, int at, ReadOnlySpan<byte> code, ReadOnlySpan<byte> handle)
    {
        buffer[at++] = (byte)code.Length;
        code.CopyTo(buffer[at..]);
        at += code.Length;
        handle.CopyTo(buffer[at..]);
        return at + handle.Length;
    }
}
