namespace Aquila.Matching.Lists;

/// <summary>One entry as the list keeps it: its handle, category, review day and re-keyed token entries (17 bytes each).</summary>
internal sealed class StoredEntry(UInt128 handle, byte category, int reviewDay, byte[] tokens)
{
    public UInt128 Handle { get; } = handle;

    public byte Category { get; } = category;

    /// <summary>The review date as <see cref="DateOnly.DayNumber"/>: the last day the entry matches.</summary>
    public int ReviewDay { get; } = reviewDay;

    /// <summary>Re-keyed tokens: per token a key index byte and 16 token bytes.</summary>
    public byte[] Tokens { get; } = tokens;

    public int TokenCount => Tokens.Length / ListRecordCodec.TokenEntryLength;

    public bool MatchesOn(int day) => ReviewDay >= day;
}
