using System.Security.Cryptography;
using System.Text;

namespace Aquila.Node.Lists;

/// <summary>
/// The node's own map from its record ids to the random handles of its list entries (never leaves the node). A record
/// keeps its handle while it is on the list, so it can be re-confirmed or removed by record id, and hits on it resolve
/// back to the record id. A removed record stays in the map, marked removed: notifications about it from before the
/// removal still name it, and adding it again brings back the same handle. File: CSV with header
/// <c>handle,state,record_id</c> (state <c>listed</c> or <c>removed</c>; a file of the earlier <c>handle,record_id</c> form is
/// read as all listed); written whole (temporary file, then rename), readable by its owner only. Purging the project on
/// the node deletes it.
/// </summary>
public sealed class ListHandleMap
{
    /// <summary>The header row of the file.</summary>
    public const string HeaderRow = "handle,state,record_id";

    /// <summary>The header row of files written before removed records were kept (every row listed).</summary>
    public const string ListedOnlyHeaderRow = "handle,record_id";

    private const string Listed = "listed";
    private const string RemovedState = "removed";

    private readonly Dictionary<string, byte[]> _handles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, byte[]> _removed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _recordIds = new(StringComparer.Ordinal);

    private ListHandleMap(string path) => Path = path;

    /// <summary>The map's file.</summary>
    public string Path { get; }

    /// <summary>Record ids on the list (removed ones not counted).</summary>
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
        var header = reader.ReadLine();
        if (header is not (HeaderRow or ListedOnlyHeaderRow))
        {
            throw new InvalidDataException($"'{path}' is not a list handle map (its first line is not '{HeaderRow}').");
        }

        var withState = header == HeaderRow;
        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            if (text.Length < 34 || text[32] != ',')
            {
                throw new InvalidDataException($"'{path}' line {line}: not a list handle map row.");
            }

            var handle = Convert.FromHexString(text.AsSpan(0, 32));
            var rest = text[33..];
            var removed = false;
            if (withState)
            {
                var comma = rest.IndexOf(',', StringComparison.Ordinal);
                var state = comma < 0 ? null : rest[..comma];
                if (state is not (Listed or RemovedState))
                {
                    throw new InvalidDataException($"'{path}' line {line}: the state must be '{Listed}' or '{RemovedState}'.");
                }

                removed = state == RemovedState;
                rest = rest[(comma + 1)..];
            }

            var recordId = Unquote(rest);
            if (removed)
            {
                map.SetRemoved(recordId, handle);
            }
            else
            {
                map.Set(recordId, handle);
            }
        }

        return map;
    }

    /// <summary>The handle of <paramref name="recordId"/> while it is on the list, or null.</summary>
    public byte[]? Find(string recordId) => _handles.GetValueOrDefault(recordId);

    /// <summary>
    /// The handle of <paramref name="recordId"/>: its handle on the list, its handle from before it was removed (it is
    /// listed again), or a fresh random one.
    /// </summary>
    public byte[] GetOrCreate(string recordId)
    {
        if (_handles.TryGetValue(recordId, out var handle))
        {
            return handle;
        }

        handle = _removed.Remove(recordId, out var earlier) ? earlier : RandomNumberGenerator.GetBytes(16);
        Set(recordId, handle);
        return handle;
    }

    /// <summary>The record id of a handle (listed or removed), or null.</summary>
    public string? Resolve(ReadOnlySpan<byte> handle) => _recordIds.GetValueOrDefault(Convert.ToHexStringLower(handle));

    /// <summary>True when <paramref name="handle"/> belongs to a record that was removed from the list.</summary>
    public bool IsRemoved(ReadOnlySpan<byte> handle) =>
        _recordIds.TryGetValue(Convert.ToHexStringLower(handle), out var recordId) && !_handles.ContainsKey(recordId);

    /// <summary>True when <paramref name="recordId"/> was on the list and was removed (its handle is kept).</summary>
    public bool WasRemoved(string recordId) => _removed.ContainsKey(recordId);

    /// <summary>Marks <paramref name="recordId"/> removed from the list; its handle still resolves to it.</summary>
    public void Remove(string recordId)
    {
        if (_handles.Remove(recordId, out var handle))
        {
            _removed[recordId] = handle;
        }
    }

    /// <summary>
    /// Forgets <paramref name="recordId"/> altogether: only for a handle the server never held (a change it refused).
    /// </summary>
    public void Forget(string recordId)
    {
        if (_handles.Remove(recordId, out var handle) || _removed.Remove(recordId, out handle))
        {
            _recordIds.Remove(Convert.ToHexStringLower(handle));
        }
    }

    /// <summary>Marks removed every listed record id not in <paramref name="keep"/> (after a replace).</summary>
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
                writer.Write(Convert.ToHexStringLower(handle) + "," + Listed + "," + Quote(recordId) + "\n");
            }

            foreach (var (recordId, handle) in _removed)
            {
                writer.Write(Convert.ToHexStringLower(handle) + "," + RemovedState + "," + Quote(recordId) + "\n");
            }

            writer.Flush();
            stream.Flush(flushToDisk: true);
        }

        File.Move(temporary, Path, overwrite: true);
    }

    private void Set(string recordId, byte[] handle)
    {
        Forget(recordId);
        _handles[recordId] = handle;
        _recordIds[Convert.ToHexStringLower(handle)] = recordId;
    }

    private void SetRemoved(string recordId, byte[] handle)
    {
        Forget(recordId);
        _removed[recordId] = handle;
        _recordIds[Convert.ToHexStringLower(handle)] = recordId;
    }

    private static string Quote(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;

    private static string Unquote(string value) =>
        value.Length >= 2 && value[0] == '"' && value[^1] == '"' ? value[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : value;
}
