namespace Aquila.Matching.Lists;

/// <summary>
/// What a list keeps of an entry, in a slot of one array: postings name the slot (4 bytes) rather than the key (24), and
/// there is no object per entry.
/// </summary>
/// <param name="Key">The entry's contributor and handle.</param>
/// <param name="Tokens">Re-keyed tokens: per token a key index byte and 16 token bytes (the array the change carried).</param>
/// <param name="ReviewDay">The review date as <see cref="DateOnly.DayNumber"/>: the last day the entry matches.</param>
/// <param name="Category">The data-subject category.</param>
internal readonly record struct HeldEntry(EntryKey Key, byte[] Tokens, int ReviewDay, byte Category)
{
    public bool MatchesOn(int day) => ReviewDay >= day;
}
