using System.Security.Cryptography;
using System.Text;

namespace Aquila.Node.Lists;

/// <summary>
/// The node's own map from its record ids to the random handles of its list entries (never leaves the node). A record
/// keeps its handle while it is on the list, so it can be re-confirmed or removed by record id, and hits on it resolve
/// back to the record id. File: CSV with header <c>handle,record_id</c>; written whole (temporary file, then rename),
/// readable by its owner only.
/// </summary>
public sealed class ListHandleMap
{
    /// <summary>The header row of the file.</summary>
    public const string HeaderRow = "handle,record_id";

    private readonly Dictionary<string, byte[]> _handles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _recordIds = new(StringComparer.Ordinal);

    private ListHandleMap(string path) => Path = path;

    /// <summary>The map's file.</summary>
    public string Path { get; }

    /// <summary>Record ids in the map.</summary>
    public int Count => _handles.Count;

    /// <summary>Loads the map, or starts an empty one when the file does not exist.</summary>
    /// <exception cref="InvalidDataException">The file is not a list handle map.</exception>
    public static ListHandleMap Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var map = new ListHandleMap(System.IO.Path.GetFullPath(path));
        if (!File.Exists(path))
        {
            return map;
        }

        using var reader = new StreamReader(path, Encoding.UTF8);
        if (reader.ReadLine() != HeaderRow)
        {
            throw new InvalidDataException($"'{path}' is not a list handle map (its first line is not '{HeaderRow}').");
        }

        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length < 34 || text[32] != ',')
            {
                throw new InvalidDataException($"'{path}' line {line}: not a list handle map row.");
            }

            map.Set(Unquote(text[33..]), Convert.FromHexString(text.AsSpan(0, 32)));
        }

        return map;
    }

    /// <summary>The handle of <paramref name="recordId"/>, or null.</summary>
    public byte[]? Find(string recordId) => _handles.GetValueOrDefault(recordId);

    /// <summary>The handle of <paramref name="recordId"/>; a fresh random one when it has none yet.</summary>
    public byte[] GetOrCreate(string recordId)
    {
        if (_handles.TryGetValue(recordId, out var handle))
        {
            return handle;
        }

        handle = RandomNumberGenerator.GetBytes(16);
        Set(recordId, handle);
        return handle;
    }

    /// <summary>The record id of a handle, or null.</summary>
    public string? Resolve(ReadOnlySpan<byte> handle) => _recordIds.GetValueOrDefault(Convert.ToHexStringLower(handle));

    /// <summary>Forgets <paramref name="recordId"/>.</summary>
    public void Remove(string recordId)
    {
        if (_handles.Remove(recordId, out var handle))
        {
            _recordIds.Remove(Convert.ToHexStringLower(handle));
        }
    }

    /// <summary>Keeps only the record ids in <paramref name="keep"/> (after a replace).</summary>
    public void RetainOnly(IReadOnlySet<string> keep)
    {
        foreach (var recordId in _handles.Keys.ToList())
        {
            if (!keep.Contains(recordId))
            {
                Remove(recordId);
            }
        }
    }

    /// <summary>Writes the map (temporary file, flush, rename).</summary>
    public void Save()
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        Directory.CreateDirectory(directory);
        var temporary = Path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
        {
            writer.Write(HeaderRow + "\n");
            foreach (var (recordId, handle) in _handles)
            {
                writer.Write(Convert.ToHexStringLower(handle) + "," + Quote(recordId) + "\n");
            }

            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    private void Set(string recordId, byte[] handle)
    {
        Remove(recordId);
        _handles[recordId] = handle;
        _recordIds[Convert.ToHexStringLower(handle)] = recordId;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : value;
}
