using System.Globalization;
using System.Text.Json;
using Aquila.Tokens;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Node.Lists;

/// <summary>
/// Reads a list entries file: a records CSV of the list's record type (same columns and column map as
/// <c>aquila node tokenize</c> with that schema, with subject_category) plus a <c>review_date</c> column (yyyy-MM-dd or
/// DD.MM.YYYY). Tokenises every entry on the node.
/// </summary>
public static class ListEntryReader
{
    /// <summary>The header of the review-date column.</summary>
    public const string ReviewDateHeader = "review_date";

    /// <summary>The entries and the rows that could not be used.</summary>
    /// <exception cref="InputFormatException">The file as a whole cannot be read.</exception>
    public static (List<ListEntryRow> Entries, List<ListEntryProblem> Problems) Read(string path, ColumnMap columns, MatchKeySchema schema,
        ProjectKey key)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var reviewDates = ReadReviewDates(path, columns);
        var entries = new List<ListEntryRow>();
        var problems = new List<ListEntryProblem>();
        using var tokenizer = new RecordTokenizer(schema, key);
        var buffer = new byte[RecordTokenizer.MaxEntryBytes];
        foreach (var (record, error) in Records(path, columns, schema.RecordType))
        {
            if (error is not null)
            {
                problems.Add(new ListEntryProblem(error.LineNumber, error.Field, error.Reason));
                continue;
            }

            if (!reviewDates.TryGetValue(record!.RecordId, out var review) || review is null)
            {
                problems.Add(new ListEntryProblem(record.LineNumber, ReviewDateHeader, "expected a review date as yyyy-MM-dd or DD.MM.YYYY"));
                continue;
            }

            var outcome = tokenizer.Tokenize(record, buffer);
            if (!outcome.Success)
            {
                problems.Add(new ListEntryProblem(record.LineNumber, outcome.Field, outcome.Reason!));
                continue;
            }

            entries.Add(new ListEntryRow(record.RecordId, SubjectCategories.Name(outcome.Category), review.Value,
                buffer.AsSpan(0, outcome.TokenCount * 17).ToArray()));
        }

        return (entries, problems);
    }

    /// <summary>The record ids of a file (for remove: only the record_id column is needed).</summary>
    public static (List<string> RecordIds, List<ListEntryProblem> Problems) ReadRecordIds(string path, ColumnMap columns, RecordType type)
    {
        var ids = new List<string>();
        var problems = new List<ListEntryProblem>();
        foreach (var (record, error) in Records(path, columns, type))
        {
            if (error is not null)
            {
                problems.Add(new ListEntryProblem(error.LineNumber, error.Field, error.Reason));
            }
            else
            {
                ids.Add(record!.RecordId);
            }
        }

        return (ids, problems);
    }

    /// <summary>Parses a review date: yyyy-MM-dd, or DD.MM.YYYY with an optional trailing dot.</summary>
    public static DateOnly? ParseReviewDate(string? text)
    {
        var trimmed = text?.Trim().TrimEnd('.');
        return DateOnly.TryParseExact(trimmed, ["yyyy-MM-dd", "dd.MM.yyyy", "d.M.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None,
            out var date)
            ? date
            : null;
    }

    internal static IEnumerable<(SourceRecord? Record, RecordError? Error)> Records(string path, ColumnMap columns, RecordType type)
    {
        using var reader = RecordReaders.Open(File.OpenRead(path), path, columns, TextEncodings.Resolve(null), type);
        while (reader.TryReadNext(out var record, out var error))
        {
            yield return (record, error);
        }
    }

    // A second pass reads the review-date column through the subject_category slot: the same CSV parsing, encodings and
    // record-id checks as the records, without a field of its own in the token library. The map names only record_id and
    // subject_category, which every record type has, so the person reader serves every type here.
    private static Dictionary<string, DateOnly?> ReadReviewDates(string path, ColumnMap columns)
    {
        var map = ColumnMap.Parse(JsonSerializer.Serialize(new Dictionary<string, string>
        {
            ["record_id"] = columns.HeaderFor(PersonField.RecordId),
            ["subject_category"] = ReviewDateHeader,
        }), path);
        var dates = new Dictionary<string, DateOnly?>(StringComparer.Ordinal);
        using var reader = new PersonRecordReader(File.OpenRead(path), path, map, TextEncodings.Resolve(null));
        if (!reader.HasColumn(PersonField.SubjectCategory))
        {
            throw new InputFormatException(path, 1, $"has no '{ReviewDateHeader}' column; a list entry needs a review date");
        }

        while (reader.TryReadNext(out var record, out _))
        {
            if (record is not null)
            {
                dates[record.RecordId] = ParseReviewDate(record.SubjectCategory);
            }
        }

        return dates;
    }
}
