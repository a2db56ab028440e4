namespace Aquila.Tokens.Batches;

/// <summary>
/// Reads node-local handle maps (<see cref="HandleMapWriter"/>) to resolve the handles in hits back to the node's
/// own record ids. Several maps may be loaded (one per batch a node submitted).
/// </summary>
public sealed class HandleMap
{
    private readonly Dictionary<string, string> _recordIds = new(StringComparer.Ordinal);

    /// <summary>Handles loaded.</summary>
    public int Count => _recordIds.Count;

    /// <summary>Loads the maps at <paramref name="paths"/>.</summary>
    public static HandleMap Load(IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var map = new HandleMap();
        foreach (var path in paths)
        {
            map.Add(path);
        }

        return map;
    }

    /// <summary>The record id of a handle, or null when no loaded map knows it.</summary>
    public string? Resolve(ReadOnlySpan<byte> handle) => _recordIds.GetValueOrDefault(Convert.ToHexStringLower(handle));

    private void Add(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine();
        if (header != HandleMapWriter.HeaderRow)
        {
            throw new InvalidDataException($"'{path}' is not a handle map (its first line is not '{HandleMapWriter.HeaderRow}').");
        }

        var line = 1;
        while (reader.ReadLine() is { } text)
        {
            line++;
            var first = text.IndexOf(',', StringComparison.Ordinal);
            var last = text.LastIndexOf(',');
            if (first != 32 || last <= first)
            {
                throw new InvalidDataException($"'{path}' line {line}: not a handle map row.");
            }

            var recordId = text[(first + 1)..last];
            if (recordId.Length >= 2 && recordId[0] == '"' && recordId[^1] == '"')
            {
                recordId = recordId[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal);
            }

            _recordIds[text[..first]] = recordId;
        }
    }
}
