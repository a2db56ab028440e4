namespace Aquila.Matching.Lists;

/// <summary>What a durable change did.</summary>
/// <param name="Lsn">The change's position in the list's log.</param>
/// <param name="Added">Entries new to the list (a handle the contributor did not hold).</param>
/// <param name="Removed">Entries removed (for a replace: the contributor's entries that are not in it).</param>
/// <param name="Entries">The contributor's entries now.</param>
/// <param name="DuplicateEvents">Duplicate notifications the change gave (to the contributor and the others).</param>
/// <param name="Reconfirmed">Entries the contributor held already, confirmed again (new tokens, category, review date).</param>
public sealed record ListChangeReceipt(long Lsn, int Added, int Removed, int Entries, int DuplicateEvents, int Reconfirmed = 0);
