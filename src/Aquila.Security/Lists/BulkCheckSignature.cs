using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Aquila.Security.Lists;

/// <summary>
/// The signed header of a bulk check (many persons in one streamed call). It is signed in the single-query form
/// (<see cref="QuerySignature.MessageOfDigest"/>: project, case reference, officer id, schema hash, a digest, signing
/// time, nonce) with, in place of the digest of token entries, SHA-256("aquila-bulk-check-v1" ‖ u32 big-endian person
/// count). No token entries have that digest (nobody knows a preimage that is whole 17-byte entries), and the nonce is
/// spent like a query's, so a header can never pass as a single query nor be used twice; and a contributor whose entry a
/// bulk check hit verifies the case reference and officer exactly as for a single query. The persons themselves are
/// bound to the header by <see cref="BulkCheckChain"/>.
/// </summary>
public static class BulkCheckSignature
{
    private static ReadOnlySpan<byte> Domain => "aquila-bulk-check-v1"u8;

    /// <summary>The digest that stands for the token entries in a bulk check header of <paramref name="persons"/> persons.</summary>
    public static byte[] HeaderDigest(int persons)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(persons);
        Span<byte> bytes = stackalloc byte[Domain.Length + 4];
        Domain.CopyTo(bytes);
        BinaryPrimitives.WriteUInt32BigEndian(bytes[Domain.Length..], (uint)persons);
        return SHA256.HashData(bytes);
    }

    /// <summary>The signed bytes of a bulk check header.</summary>
    public static byte[] HeaderMessage(string projectId, string caseReference, string officerId, ReadOnlySpan<byte> schemaSha256, int persons,
        long signedAtUnixMs, ReadOnlySpan<byte> nonce) =>
        QuerySignature.MessageOfDigest(projectId, caseReference, officerId, schemaSha256, HeaderDigest(persons), signedAtUnixMs, nonce);
}
