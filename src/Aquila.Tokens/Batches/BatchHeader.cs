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
    /// <summary>What the batch says about its stage-2 part, or null when it carries none (format version 1).</summary>
    public BatchStage2? Stage2 { get; init; }

    /// <summary>The batch id as lower-case hex (how people and logs name a batch).</summary>
    public string BatchIdHex => Convert.ToHexStringLower(BatchId.Span);

    /// <summary>The schema hash as lower-case hex.</summary>
    public string SchemaHashHex => Convert.ToHexStringLower(SchemaHash.Span);

    /// <summary>
    /// Checks the stage-2 part against the schema the batch is for: a scoring schema's batch may carry stage 2 only with
    /// exactly its vector length and block count (a batch without stage 2 is matched by stage-1 keys alone); a schema
    /// without a scoring section takes no stage 2.
    /// </summary>
    /// <exception cref="BatchFormatException">The declared vector length or block count is not the schema's.</exception>
    public void CheckStage2(Keys.MatchKeySchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (Stage2 is not { } stage2)
        {
            return;
        }

        if (schema.Scoring is not { } scoring)
        {
            throw new BatchFormatException(
                $"Batch {BatchIdHex} carries stage-2 comparison vectors, but schema {schema.Source} has no scoring section; tokenise with the project's schema.");
        }

        var length = scoring.Layout.Length;
        if (stage2.VectorLength != length || stage2.BlockCount != scoring.Blocks.Count)
        {
            throw new BatchFormatException(
                $"Batch {BatchIdHex} declares comparison vectors of {stage2.VectorLength} bytes in {stage2.BlockCount} blocks; "
                + $"the project's schema has {length} bytes in {scoring.Blocks.Count} blocks. Tokenise again with this Aquila version.");
        }
    }
}
