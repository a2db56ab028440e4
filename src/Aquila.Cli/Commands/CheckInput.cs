using Aquila.Node.Lists;
using Aquila.Tokens.Input;

namespace Aquila.Cli.Commands;

/// <summary>Reads the rows of a bulk check's input file: a record, or why the row could not be read (its line and field).</summary>
internal static class CheckInput
{
    public static List<(SourceRecord? Record, ListEntryProblem? Problem)> Read(string path, ColumnMap columns, RecordType type)
    {
        var rows = new List<(SourceRecord?, ListEntryProblem?)>();
        using var reader = RecordReaders.Open(File.OpenRead(path), path, columns, TextEncodings.Resolve(null), type);
        while (reader.TryReadNext(out var record, out var error))
        {
            rows.Add(error is null ? (record, null) : (null, new ListEntryProblem(error.LineNumber, error.Field, error.Reason)));
        }

        return rows;
    }
}
