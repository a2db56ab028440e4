using System.Text;
using Aquila.Tokens.Input;

namespace Aquila.Tokens.Pipeline;

/// <summary>
/// The node-local reject file: CSV <c>line,record_id,field,reason</c>, one row per rejected record, so an operator
/// can find and fix each one. Created only when there is something to report, readable by its owner only. A record
/// that went into the batch as "stage 2 only" (no match key, but stage-2 blocks), or without its unrecognised date of
/// birth, is listed too, as a note that does not count as a reject: its reason says "(not rejected)".
/// </summary>
internal sealed class RejectFileWriter : IDisposable
{
    private readonly string _path;
    private StreamWriter? _writer;

    public RejectFileWriter(string path)
    {
        _path = path;
        if (File.Exists(path))
        {
            // A reject file from an earlier run would describe records this run may have accepted.
            File.Delete(path);
        }
    }

    public long Count { get; private set; }

    public void Write(RecordError error, string? recordId)
    {
        WriteRow(error, recordId);
        Count++;
    }

    public void Note(RecordError error, string? recordId)
    {
        WriteRow(error, recordId);
    }

    private void WriteRow(RecordError error, string? recordId)
    {
        _writer ??= Open();
        _writer.Write(error.LineNumber);
        _writer.Write(',');
        WriteCell(recordId ?? "");
        _writer.Write(',');
        WriteCell(error.Field ?? "");
        _writer.Write(',');
        WriteCell(error.Reason);
        _writer.Write('\n');
    }

    public void Dispose() => _writer?.Dispose();

    private StreamWriter Open()
    {
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        var writer = new StreamWriter(new FileStream(_path, options), new UTF8Encoding(false)) { NewLine = "\n" };
        writer.Write("line,record_id,field,reason\n");
        return writer;
    }

    private void WriteCell(string value) => CsvCell.Write(_writer!, value);
}
