namespace Aquila.Matching.Lists;

/// <summary>What a durable change did.</summary>
/// <param name="Lsn">The change's position in the list's log.</param>
/// <param name="Added">Entries added or re-confirmed.</param>
/// <param name="Removed">Entries removed (for a replace: the contributor's entries before it).</param>
/// <param name="Entries">The contributor's entries now.</param>
/// <param name="DuplicateEvents">Duplicate notifications the change gave (to the contributor and the others).</param>
public sealed record ListChangeReceipt(long Lsn, int Added, int Removed, int Entries, int DuplicateEvents);
