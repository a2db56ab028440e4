namespace Aquila.Tokens.Batches;

/// <summary>Counts over a batch file: per key, per subject category. Never a token or handle.</summary>
public sealed record BatchInspection(
    BatchHeader Header,
    IReadOnlyList<long> TokensPerKey,
    IReadOnlyList<long> RecordsPerKey,
    IReadOnlyList<long> RecordsPerCategory)
{
    /// <summary>Reads and verifies a batch file and counts what it holds.</summary>
    public static BatchInspection Of(string path)
    {
        using var reader = BatchFileReader.Open(path);
        var keys = reader.Header.Keys.Count;
        var tokens = new long[keys];
        var records = new long[keys];
        var categories = new long[Enum.GetValues<SubjectCategory>().Length];
        Span<bool> seen = stackalloc bool[keys];
        var record = new BatchRecord();
        while (reader.TryReadRecord(record))
        {
            seen.Clear();
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

        return new BatchInspection(reader.Header, tokens, records, categories);
    }
}
