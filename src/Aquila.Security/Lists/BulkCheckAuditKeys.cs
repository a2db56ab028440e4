namespace Aquila.Security.Lists;

/// <summary>
/// Detail keys of a bulk check's audit entries (one <c>query</c> entry per person), shared by the server that writes them
/// and the auditor's check that reads them back (<c>aquila audit verify-bulk</c>).
/// </summary>
public static class BulkCheckAuditKeys
{
    /// <summary>The call's id: the signed header's nonce, lower-case hex.</summary>
    public const string Call = "bulk_check";

    /// <summary>The person's number in the call, from 1.</summary>
    public const string Person = "person";

    /// <summary>The person's chunk, from 0.</summary>
    public const string Chunk = "chunk";

    /// <summary>The chunk's signature, on the chunk's first person.</summary>
    public const string ChunkSignature = "chunk_signature";

    /// <summary>The person count of the signed header, on person 1.</summary>
    public const string Persons = "bulk_persons";

    /// <summary>The header's signature, on person 1.</summary>
    public const string HeaderSignature = "bulk_signature";

    /// <summary>The header's signing time (Unix ms), on person 1.</summary>
    public const string SignedAt = "bulk_signed_at_unix_ms";
}
