namespace Aquila.Tokens.Derivation;

/// <summary>What tokenising one record gave: its tokens' count and category, or why it was rejected.</summary>
/// <param name="Success">The record gave tokens.</param>
/// <param name="TokenCount">Number of tokens written.</param>
/// <param name="Category">The record's data-subject category (when it parsed).</param>
/// <param name="Field">The canonical column a rejection is about, or null.</param>
/// <param name="Reason">Why the record gave no tokens, or null; never a value.</param>
/// <param name="NoKey">
/// The record is well formed and of a known category, but no match key could be built from it (no date of birth and
/// no identifier). <see cref="Success"/> is false; a schema with a scoring section may still carry the record into
/// stage 2 when it builds a block (issue 16).
/// </param>
public readonly record struct TokenizeOutcome(bool Success, int TokenCount, SubjectCategory Category, string? Field, string? Reason,
    bool NoKey = false)
{
    /// <summary>
    /// The record's date of birth did not parse and was taken as missing (only with a tokenizer made so); the node notes
    /// it in the reject file.
    /// </summary>
    public bool DateIgnored { get; init; }

    /// <summary>The record gave <paramref name="tokenCount"/> tokens.</summary>
    public static TokenizeOutcome Tokenized(SubjectCategory category, int tokenCount) => new(true, tokenCount, category, null, null);

    /// <summary>The record cannot be used; <paramref name="field"/> is a canonical column name or null.</summary>
    public static TokenizeOutcome Rejected(string? field, string reason) => new(false, 0, SubjectCategory.Other, field, reason);

    /// <summary>The record is valid but builds no match key; <paramref name="reason"/> says what it lacks.</summary>
    public static TokenizeOutcome WithoutKey(SubjectCategory category, string reason) => new(false, 0, category, null, reason, NoKey: true);
}
