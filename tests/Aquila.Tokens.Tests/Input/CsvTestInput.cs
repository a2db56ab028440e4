using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Tests.Input;

/// <summary>Builds readers over in-memory CSV text and collects what they return.</summary>
internal static class CsvTestInput
{
    public const string SourceName = "records.csv";

    public static PersonRecordReader Open(string csv, ColumnMap? map = null) =>
        Open(Encoding.UTF8.GetBytes(csv), map);

    public static PersonRecordReader Open(byte[] bytes, ColumnMap? map = null, string encoding = "utf-8") =>
        new(new MemoryStream(bytes), SourceName, map ?? ColumnMap.Default, TextEncodings.Resolve(encoding));

    public static (List<PersonRecord> Records, List<RecordError> Errors) ReadAll(string csv, ColumnMap? map = null)
    {
        using var reader = Open(csv, map);
        return ReadAll(reader);
    }

    public static (List<PersonRecord> Records, List<RecordError> Errors) ReadAll(PersonRecordReader reader)
    {
        var records = new List<PersonRecord>();
        var errors = new List<RecordError>();
        while (reader.TryReadNext(out var record, out var error))
        {
            if (record is not null)
            {
                records.Add(record);
            }

            if (error is not null)
            {
                errors.Add(error);
            }

            Assert.True(record is null != error is null, "exactly one of record and error is set");
        }

        return (records, errors);
    }

    /// <summary>Every row in file order as "R:id@line" or "E:field@line", for compact assertions.</summary>
    public static List<string> Outline(string csv, ColumnMap? map = null)
    {
        using var reader = Open(csv, map);
        return Outline(reader);
    }

    public static List<string> Outline(PersonRecordReader reader)
    {
        var rows = new List<string>();
        while (reader.TryReadNext(out var record, out var error))
        {
            rows.Add(record is not null ? $"R:{record.RecordId}@{record.LineNumber}" : $"E:{error!.Field}@{error.LineNumber}");
        }

        return rows;
    }
}
