namespace Aquila.Tokens.Keys;

/// <summary>How a stage-2 comparison field is written into a vector and compared (docs/token-spec.md §7).</summary>
public enum ScoringFieldKind
{
    /// <summary><c>string-bloom</c>: a 128-bit keyed bigram Bloom fragment, compared by Dice coefficient.</summary>
    StringBloom,

    /// <summary><c>date</c>: keyed tags of the full date, its day/month-swapped form, the year, the next year and month-day.</summary>
    Date,

    /// <summary><c>exact</c>: one keyed tag of the whole value, compared for equality.</summary>
    Exact,
}
