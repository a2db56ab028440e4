using System.Runtime.InteropServices;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Pipeline;

/// <summary>
/// The node's tokenise job: read a CSV of records of the schema's record type (persons or vehicles), tokenise each, report bad records to the local reject
/// file and go on (or stop at the first one when strict), then write the batch file and the local handle map.
/// </summary>
public static class BatchTokenizer
{
    /// <summary>
    /// Runs the job. <paramref name="progress"/> receives the fraction of the input read (0..1).
    /// Whole-file problems throw <see cref="InputFormatException"/>; bad records never do.
    /// </summary>
    public static TokenizeSummary Run(TokenizeOptions options, ProjectKey key, IProgress<double>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(key);
        using var input = OpenInput(options.InputPath);
        using var reader = RecordReaders.Open(input, options.InputPath, options.Columns, options.Encoding, options.Schema.RecordType);
        // With stage 2, a date of birth that does not parse counts as missing: the record keeps its other keys and blocks.
        // --strict asks to stop at a bad record, and a date that is not a date is one.
        using var tokenizer = new RecordTokenizer(options.Schema, key, unparsedDateAsMissing: options.Schema.Scoring is not null && !options.Strict);
        using var rejects = new RejectFileWriter(options.EffectiveRejectPath);
        using var comparisons = options.Schema.Scoring is null ? null : new RecordComparisonWriter(key, options.Schema);
        var blocks = new List<BlockVector>();
        var blockEntries = new List<byte>();
        var builder = new BatchBuilder();
        var perKey = new long[options.Schema.Keys.Count];
        var entries = new byte[RecordTokenizer.MaxEntryBytes];
        var length = Math.Max(1, input.Length);
        long read = 0;
        long otherCategories = 0;
        long stage2Only = 0;
        long datesIgnored = 0;

        while (reader.TryReadNext(out var record, out var error))
        {
            read++;
            if ((read & 1023) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                progress?.Report((double)input.Position / length);
            }

            if (error is null)
            {
                var outcome = tokenizer.Tokenize(record!, entries);
                if ((outcome.Success || outcome.NoKey) && options.AllowedCategories is { } allowed && !allowed.Contains(outcome.Category))
                {
                    // Data the project may not receive never becomes a token (issue 17): the reject file names the record.
                    otherCategories++;
                    error = new RecordError(options.InputPath, record!.LineNumber, "subject_category", NotAllowed(outcome.Category, options));
                }
                else if (outcome.Success)
                {
                    var used = entries.AsSpan(0, outcome.TokenCount * BatchFormat.TokenEntryLength);
                    var blockCount = comparisons is null ? 0 : BlockEntries(comparisons, record!, blocks, blockEntries);
                    builder.Add(record!.RecordId, record.LineNumber, outcome.Category, used,
                        CollectionsMarshal.AsSpan(blockEntries), blockCount);
                    for (var i = 0; i < outcome.TokenCount; i++)
                    {
                        perKey[used[i * BatchFormat.TokenEntryLength]]++;
                    }

                    if (outcome.DateIgnored)
                    {
                        datesIgnored++;
                        rejects.Note(new RecordError(options.InputPath, record.LineNumber, "date_of_birth", DateIgnoredNote), record.RecordId);
                    }

                    continue;
                }
                else if (outcome.NoKey && comparisons is not null && BlockEntries(comparisons, record!, blocks, blockEntries) is > 0 and var count)
                {
                    // No stage-1 key, but stage-2 blocks (issue 16): the record goes in with no token and can match only
                    // by score. The reject file lists it as a note, so the operator knows a date or an identifier would
                    // give it keys; it is not counted as rejected.
                    builder.Add(record!.RecordId, record.LineNumber, outcome.Category, [], CollectionsMarshal.AsSpan(blockEntries), count);
                    stage2Only++;
                    datesIgnored += outcome.DateIgnored ? 1 : 0;
                    rejects.Note(new RecordError(options.InputPath, record.LineNumber, outcome.DateIgnored ? "date_of_birth" : null,
                        Stage2OnlyNote(outcome.Reason!) + (outcome.DateIgnored ? "; " + DateIgnoredNote : "")), record.RecordId);
                    continue;
                }
                else
                {
                    error = new RecordError(options.InputPath, record!.LineNumber, outcome.Field,
                        outcome.NoKey && comparisons is not null ? outcome.Reason + "; and no stage-2 block either" : outcome.Reason!);
                }
            }

            rejects.Write(error, record?.RecordId);
            if (options.Strict)
            {
                return new TokenizeSummary(read, builder.RecordCount, rejects.Count, builder.TokenCount, perKey, null, error)
                {
                    RecordsOfOtherCategories = otherCategories,
                    RecordsStage2Only = stage2Only,
                    RecordsDateIgnored = datesIgnored,
                };
            }
        }

        progress?.Report(1.0);
        var header = builder.Write(options.BatchPath, options.EffectiveHandleMapPath, options.ProjectId, options.Party,
            options.Schema);
        return new TokenizeSummary(read, builder.RecordCount, rejects.Count, builder.TokenCount, perKey, header, null)
        {
            RecordsOfOtherCategories = otherCategories,
            RecordsStage2Only = stage2Only,
            RecordsDateIgnored = datesIgnored,
        };
    }

    // The record's block entries as the batch carries them: block index, block token, vector; at most 255 per record.
    private static int BlockEntries(RecordComparisonWriter writer, SourceRecord record, List<BlockVector> blocks, List<byte> entries)
    {
        entries.Clear();
        var count = Math.Min(writer.Write(record, blocks), BatchFormat.MaxBlocksPerRecord);
        for (var i = 0; i < count; i++)
        {
            entries.Add((byte)blocks[i].BlockIndex);
            entries.AddRange(blocks[i].Token);
            entries.AddRange(blocks[i].Vector);
        }

        return count;
    }

    /// <summary>The categories as a node operator writes them, e.g. "suspect, person_of_interest".</summary>
    public static string Names(IEnumerable<SubjectCategory> categories)
    {
        var names = new List<string>();
        foreach (var category in categories)
        {
            names.Add(SubjectCategories.Name(category));
        }

        names.Sort(StringComparer.Ordinal);
        return string.Join(", ", names);
    }

    private const string DateIgnoredNote =
        "unrecognised date of birth, taken as missing (not rejected): the record went in without its date; correct it to match on it";

    private static string Stage2OnlyNote(string reason) =>
        "stage 2 only (not rejected): " + reason + "; the record went in with its stage-2 blocks and can match only by score";

    private static string NotAllowed(SubjectCategory category, TokenizeOptions options) =>
        $"category {SubjectCategories.Name(category)} is not allowed in project {options.ProjectId} (allowed: {Names(options.AllowedCategories!)})";

    private static FileStream OpenInput(string path)
    {
        try
        {
            return new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InputFormatException(path, null, $"cannot be read: {e.Message}", e);
        }
    }
}
