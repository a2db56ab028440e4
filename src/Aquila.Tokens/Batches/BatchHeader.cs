namespace Aquila.Tokens.Batches;

/// <summary>What a token batch file says about itself. Holds no personal data: ids, a hash, counts.</summary>
/// <param name="BatchId">16 random bytes chosen by the node; a resend of the same file carries the same id.</param>
/// <param name="ProjectId">The matching project the batch is for.</param>
/// <param name="Party">The submitting party's code.</param>
/// <param name="SchemaHash">SHA-256 of the match-key schema the tokens were built with.</param>
/// <param name="SchemaVersion">Version of that schema.</param>
/// <param name="Keys">The schema's keys in order; tokens refer to them by index.</param>
/// <param name="RecordCount">Number of records (handles) in the batch.</param>
/// <param name="TokenCount">Number of tokens over all records.</param>
public sealed record BatchHeader(
    ReadOnlyMemory<byte> BatchId,
    string ProjectId,
    string Party,
    ReadOnlyMemory<byte> SchemaHash,
    int SchemaVersion,
    IReadOnlyList<BatchKey> Keys,
    long RecordCount,
    long TokenCount)
{
    /// <summary>The batch id as lower-case hex (how people and logs name a batch).</summary>
    public string BatchIdHex => Convert.ToHexStringLower(BatchId.Span);

    /// <summary>The schema hash as lower-case hex.</summary>
    public string SchemaHashHex => Convert.ToHexStringLower(SchemaHash.Span);
}
