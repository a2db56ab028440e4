using Aquila.Tokens.Batches;

namespace Aquila.Node.Hits;

/// <summary>
/// Finds and loads the handle maps a node resolves its hits with — the maps given, or else every
/// <c>*.handles.csv</c> in a folder (where <c>aquila node tokenize</c> left them).
/// </summary>
public static class HandleMaps
{
    /// <summary>The file name pattern of handle maps that <c>node tokenize</c> writes beside its batches.</summary>
    public const string SearchPattern = "*.handles.csv";

    /// <summary>The maps to load: <paramref name="given"/> when there are any, else every handle map in <paramref name="directory"/>.</summary>
    public static IReadOnlyList<string> PathsFor(IReadOnlyList<string>? given, string directory) =>
        given is { Count: > 0 } ? given : Directory.GetFiles(directory, SearchPattern);

    /// <summary>Loads the maps of <see cref="PathsFor"/>.</summary>
    /// <exception cref="IOException">A map cannot be read (the message names the file).</exception>
    /// <exception cref="InvalidDataException">A file is not a handle map, or a row is not a handle map row (the message names the file and line).</exception>
    public static HandleMap Load(IReadOnlyList<string>? given, string directory) => HandleMap.Load(PathsFor(given, directory));
}
