namespace Aquila.Node.Hits;

/// <summary>What <see cref="OfflineHitImport"/> took from a hits file.</summary>
/// <param name="ProjectId">The project the file is for.</param>
/// <param name="Hits">The events after the cursor, resolved to the party's record ids, in the file's order.</param>
/// <param name="EventsInFile">All events in the file.</param>
/// <param name="Cursor">The cursor saved: the last sequence shown (or the starting one when none was new).</param>
/// <param name="CursorPath">Where the cursor is kept.</param>
public sealed record ImportedHits(string ProjectId, IReadOnlyList<NodeHit> Hits, int EventsInFile, long Cursor, string CursorPath);
