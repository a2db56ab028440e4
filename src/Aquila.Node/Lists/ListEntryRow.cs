namespace Aquila.Node.Lists;

/// <summary>One tokenised list entry read from the node's entries file (its tokens may leave the node; the record id never does).</summary>
/// <param name="RecordId">The node's own record id.</param>
/// <param name="Category">The data-subject category name (suspect, convicted, person_of_interest, other).</param>
/// <param name="ReviewDate">The last day the entry matches.</param>
/// <param name="TokenEntries">Per token a key index byte and 16 token bytes.</param>
public sealed record ListEntryRow(string RecordId, string Category, DateOnly ReviewDate, byte[] TokenEntries);
