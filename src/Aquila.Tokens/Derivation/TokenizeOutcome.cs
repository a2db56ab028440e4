namespace Aquila.Tokens.Derivation;

/// <summary>What tokenising one record gave: its tokens' count and category, or why it was rejected.</summary>
public readonly record struct TokenizeOutcome(bool Success, int TokenCount, SubjectCategory Category, string? Field, string? Reason)
{
    /// <summary>The record gave <paramref name="tokenCount"/> tokens.</summary>
    public static TokenizeOutcome Tokenized(SubjectCategory category, int tokenCount) => new(true, tokenCount, category, null, null);

    /// <summary>The record cannot be used; <paramref name="field"/> is a canonical column name or null.</summary>
    public static TokenizeOutcome Rejected(string? field, string reason) => new(false, 0, SubjectCategory.Other, field, reason);
}
