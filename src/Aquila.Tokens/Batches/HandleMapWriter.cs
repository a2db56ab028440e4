using System.Text;

namespace Aquila.Tokens.Batches;

/// <summary>
/// Writes the node-local handle map: CSV <c>handle,record_id,line</c>, one row per record of a batch. It links the
/// opaque handles the matcher sees to the node's own records, so it never leaves the node (created readable by its
/// owner only).
/// </summary>
public sealed class HandleMapWriter : IDisposable
{
    /// <summary>The header row of a handle map.</summary>
    public const string HeaderRow = "handle,record_id,line";

    private readonly FileStream _stream;
    private readonly StreamWriter _writer;
    private readonly string _path;
    private readonly string _tempPath;
    private bool _completed;

    private HandleMapWriter(string path)
    {
        _path = Path.GetFullPath(path);
        _tempPath = _path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 1 << 16 };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        _stream = new FileStream(_tempPath, options);
        _writer = new StreamWriter(_stream, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)) { NewLine = "\n" };
        _writer.WriteLine(HeaderRow);
    }

    /// <summary>Creates a handle map at <paramref name="path"/> (written to a temporary file until completed).</summary>
    public static HandleMapWriter Create(string path) => new(path);

    /// <summary>Writes one row.</summary>
    public void Write(ReadOnlySpan<byte> handle, string recordId, long lineNumber)
    {
        _writer.Write(Convert.ToHexStringLower(handle));
        _writer.Write(',');
        WriteCsvCell(recordId);
        _writer.Write(',');
        _writer.Write(lineNumber);
        _writer.Write('\n');
    }

    /// <summary>Flushes to disk and renames the map into place.</summary>
    public void Complete()
    {
        _writer.Flush();
        _stream.Flush(flushToDisk: true);
        _writer.Dispose();
        File.Move(_tempPath, _path, overwrite: true);
        _completed = true;
    }

    /// <summary>Abandons an unfinished map.</summary>
    public void Dispose()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _writer.Dispose();
        File.Delete(_tempPath);
    }

    private void WriteCsvCell(string value) => Input.CsvCell.Write(_writer, value);
}
