namespace Aquila.Node.Purging;

/// <summary>The files `aquila node tokenize --out B.aqb` writes: B.aqb, B.aqb.handles.csv and B.aqb.rejects.csv.</summary>
public static class BatchFiles
{
    private const string HandlesSuffix = ".handles.csv";

    /// <summary>The handle map itself, and the batch and reject files beside it when its name is <c>B.handles.csv</c>.</summary>
    public static IEnumerable<FileInfo> MadeWith(FileInfo handleMap)
    {
        ArgumentNullException.ThrowIfNull(handleMap);
        yield return handleMap;
        if (handleMap.FullName.EndsWith(HandlesSuffix, StringComparison.Ordinal))
        {
            var batch = handleMap.FullName[..^HandlesSuffix.Length];
            yield return new FileInfo(batch);
            yield return new FileInfo(batch + ".rejects.csv");
        }
    }
}
