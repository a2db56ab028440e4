namespace Aquila.Matching.Lists;

/// <summary>What a list keeps of an entry besides its key: a struct in the entries dictionary, not an object per entry.</summary>
/// <param name="Tokens">Re-keyed tokens: per token a key index byte and 16 token bytes (the array the change carried).</param>
/// <param name="ReviewDay">The review date as <see cref="DateOnly.DayNumber"/>: the last day the entry matches.</param>
/// <param name="Category">The data-subject category.</param>
internal readonly record struct HeldEntry(byte[] Tokens, int ReviewDay, byte Category)
{
    public bool MatchesOn(int day) => ReviewDay >= day;
}
