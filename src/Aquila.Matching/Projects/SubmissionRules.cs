using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

/// <summary>
/// The checks every token store makes before it accepts a batch, with the same messages whichever store runs them.
/// Messages hold counts and positions, never values.
/// </summary>
internal static class SubmissionRules
{
    /// <summary>Why the batch cannot be accepted, or null.</summary>
    public static string? Check(ProjectDefinition definition, int maxBatchRecords, string party, int partyNumber,
        ReadOnlySpan<byte> batchId, ReadOnlySpan<byte> contentHash, TokenBatch batch)
    {
        if (partyNumber < 0)
        {
            return $"Party {party} is not in the roster of project {definition.ProjectId}.";
        }

        if (batchId.Length != BatchRecordCodec.BatchIdSize)
        {
            return $"The batch id must be {BatchRecordCodec.BatchIdSize} bytes; got {batchId.Length}.";
        }

        if (contentHash.Length != BatchRecordCodec.ContentHashSize)
        {
            return $"The content hash must be {BatchRecordCodec.ContentHashSize} bytes (SHA-256); got {contentHash.Length}.";
        }

        // A batch of records that only stage 2 can match (no key, blocks only; issue 16) has no token but is not empty.
        if (batch.RecordCount == 0 || (batch.TokenCount == 0 && batch.BlockCount == 0))
        {
            return $"The batch is empty ({batch.RecordCount} records, {batch.TokenCount} tokens, {batch.BlockCount} stage-2 blocks).";
        }

        if (batch.RecordCount > maxBatchRecords)
        {
            return $"The batch has {batch.RecordCount} records; at most {maxBatchRecords} are allowed. Split it into several batches.";
        }

        var keys = definition.Keys.Count;
        for (var token = 0; token < batch.TokenCount; token++)
        {
            if (batch.GetKeyIndex(token) >= keys)
            {
                return $"Token {token} has key index {batch.GetKeyIndex(token)}, but the project's schema has {keys} keys.";
            }
        }

        return null;
    }
}
