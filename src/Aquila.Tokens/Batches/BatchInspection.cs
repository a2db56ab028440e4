namespace Aquila.Tokens.Batches;

/// <summary>
/// Counts over a batch file: per key, per subject category and (format version 2) per stage-2 block. Never a token,
/// vector or handle.
/// </summary>
public sealed record BatchInspection(
    BatchHeader Header,
    IReadOnlyList<long> TokensPerKey,
    IReadOnlyList<long> RecordsPerKey,
    IReadOnlyList<long> RecordsPerCategory)
{
    /// <summary>Block entries (block token and comparison vector) per block index; empty for a batch without stage 2.</summary>
    public IReadOnlyList<long> EntriesPerBlock { get; init; } = [];

    /// <summary>Records that carry at least one block entry.</summary>
    public long RecordsWithBlocks { get; init; }

    /// <summary>Records with block entries but no token: no stage-1 key, so they can match only in stage 2 (issue 16).</summary>
    public long RecordsStage2Only { get; init; }

    /// <summary>Reads and verifies a batch file and counts what it holds.</summary>
    public static BatchInspection Of(string path)
    {
        using var reader = BatchFileReader.Open(path);
        var keys = reader.Header.Keys.Count;
        var tokens = new long[keys];
        var records = new long[keys];
        var categories = new long[Enum.GetValues<SubjectCategory>().Length];
        Span<bool> seen = stackalloc bool[keys];
        var blocks = new long[reader.Header.Stage2?.BlockCount ?? 0];
        long withBlocks = 0;
        long stage2Only = 0;
        var record = new BatchRecord();
        while (reader.TryReadRecord(record))
        {
            seen.Clear();
            withBlocks += record.BlockCount > 0 ? 1 : 0;
            stage2Only += record.BlockCount > 0 && record.TokenCount == 0 ? 1 : 0;
            for (var i = 0; i < record.BlockCount; i++)
            {
                blocks[record.BlockIndexAt(i)]++;
            }

            categories[(int)record.Category]++;
            for (var i = 0; i < record.TokenCount; i++)
            {
                var key = record.KeyIndexAt(i);
                tokens[key]++;
                if (!seen[key])
                {
                    seen[key] = true;
                    records[key]++;
                }
            }
        }

        return new BatchInspection(reader.Header, tokens, records, categories) { EntriesPerBlock = blocks, RecordsWithBlocks = withBlocks, RecordsStage2Only = stage2Only };
    }
}
