namespace Aquila.Security.Offline;

/// <summary>
/// The clear part of a sealed file: what it is, for which project and party, and how big its content is. It holds no
/// personal data; it is bound to the encrypted content (as AES-GCM associated data) and covered by the signature.
/// </summary>
/// <param name="Kind">Token batch or hits.</param>
/// <param name="ProjectId">The matching project.</param>
/// <param name="Party">The party the content belongs to: the sender of a token batch, the receiver of hits.</param>
/// <param name="ContentId">16 bytes: the batch id of a token batch; a random id for a hits file.</param>
/// <param name="CreatedAt">When the file was sealed (to the millisecond).</param>
/// <param name="ContentLength">The size of the content in bytes (the batch file, the hit events).</param>
public sealed record SealedFileHeader(
    SealedFileKind Kind,
    string ProjectId,
    string Party,
    ReadOnlyMemory<byte> ContentId,
    DateTimeOffset CreatedAt,
    long ContentLength)
{
    /// <summary>The content id as lower-case hex (for a token batch: its batch id).</summary>
    public string ContentIdHex => Convert.ToHexStringLower(ContentId.Span);
}
