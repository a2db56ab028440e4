using Aquila.Tokens.Input;

namespace Aquila.Cli.Local;

/// <summary>One party's export read into memory: the records that could be read, and how many rows could not.</summary>
internal sealed record PartyExport(string Party, string Path, IReadOnlyList<SourceRecord> Records, int RowsRejected)
{
    /// <summary>
    /// Reads <paramref name="path"/> through <paramref name="columns"/> as records of <paramref name="type"/> (the
    /// schema's); unreadable rows are counted and skipped.
    /// </summary>
    public static PartyExport Load(string party, string path, ColumnMap columns, RecordType type = RecordType.Person)
    {
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        using var reader = RecordReaders.Open(stream, path, columns, TextEncodings.Resolve(null), type);
        var records = new List<SourceRecord>();
        var rejected = 0;
        while (reader.TryReadNext(out var record, out var error))
        {
            if (error is null)
            {
                records.Add(record!);
            }
            else
            {
                rejected++;
            }
        }

        return new PartyExport(party, path, records, rejected);
    }
}
