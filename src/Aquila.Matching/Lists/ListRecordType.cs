namespace Aquila.Matching.Lists;

/// <summary>Record types in a list's write-ahead log.</summary>
internal static class ListRecordType
{
    /// <summary>The list definition (first record).</summary>
    public const byte Definition = 1;

    /// <summary>A contributor's add, remove or replace, with re-keyed tokens.</summary>
    public const byte Change = 2;

    /// <summary>The entries a query hit (so contributors' notifications survive a restart).</summary>
    public const byte QueryHits = 3;
}
