namespace Aquila.Matching.Lists;

/// <summary>A contributor's change as logged: kind, contributor, time, entries (re-keyed) and handles to remove.</summary>
internal sealed record ListChange(ListChangeKind Kind, string Contributor, long AtUnixMs, IReadOnlyList<StoredEntry> Entries,
    IReadOnlyList<UInt128> Removed);
