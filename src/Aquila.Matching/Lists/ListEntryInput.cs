namespace Aquila.Matching.Lists;

/// <summary>One list entry as a contributor's node sends it.</summary>
/// <param name="Handle">The contributor's 16-byte handle of the entry (random, kept in the node's handle map).</param>
/// <param name="Category">The data-subject category (the node's category code).</param>
/// <param name="ReviewDate">The last day the entry matches; after it the entry drops out until it is added again.</param>
/// <param name="TokenEntries">The entry's tokens as the node made them: per token a key index byte and 16 token bytes.</param>
public readonly record struct ListEntryInput(ReadOnlyMemory<byte> Handle, byte Category, DateOnly ReviewDate, ReadOnlyMemory<byte> TokenEntries);
