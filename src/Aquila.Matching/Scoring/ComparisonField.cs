using Aquila.Tokens.Keys;

namespace Aquila.Matching.Scoring;

/// <summary>
/// Agreement levels of a comparison field by its kind (level 0 is always "missing on a side"). Which fields a vector
/// holds comes from the schema (<see cref="ComparisonFields"/>); the levels of each kind are fixed here.
/// </summary>
public static class ComparisonField
{
    /// <summary>Levels of a string field: missing, equal, close (Dice ≥ 0.8), partial (Dice ≥ 0.6), far.</summary>
    public const int StringLevels = 5;

    /// <summary>Levels of a string field of a schema with <c>"weak_dice"</c>: the five, then weak (Dice from the bound to 0.6).</summary>
    public const int StringLevelsWithWeak = 6;

    /// <summary>
    /// Levels of a date: missing, equal, day/month swapped, month-day equal and year ±1, year ±1 with a side that has
    /// only a year, year ±1 with another month-day, far.
    /// </summary>
    public const int DateLevels = 7;

    /// <summary>Levels of an exact field: missing, equal, different.</summary>
    public const int ExactLevels = 3;

    /// <summary>String levels.</summary>
    public const byte Missing = 0, Equal = 1, Close = 2, Partial = 3, Far = 4;

    /// <summary>
    /// The string level between partial and far of a schema with <c>"weak_dice"</c>; numbered after far so that the
    /// other levels keep their numbers with or without it.
    /// </summary>
    public const byte Weak = 5;

    /// <summary>Date levels.</summary>
    public const byte DateEqual = 1, DateSwapped = 2, DateYearOff = 3, DateYearOnly = 4, DateDayDiffers = 5, DateFar = 6;

    /// <summary>Exact levels.</summary>
    public const byte ExactEqual = 1, ExactDifferent = 2;

    /// <summary>How many levels a field of <paramref name="kind"/> has.</summary>
    public static int Levels(ScoringFieldKind kind) => Levels(kind, weakLevel: false);

    /// <summary>How many levels a field of <paramref name="kind"/> has, with or without the weak string level.</summary>
    public static int Levels(ScoringFieldKind kind, bool weakLevel) => kind switch
    {
        ScoringFieldKind.StringBloom => weakLevel ? StringLevelsWithWeak : StringLevels,
        ScoringFieldKind.Date => DateLevels,
        _ => ExactLevels,
    };

    /// <summary>The level at which a field of <paramref name="kind"/> disagrees outright: far, or different.</summary>
    public static int Disagrees(ScoringFieldKind kind) => kind switch
    {
        ScoringFieldKind.StringBloom => Far,
        ScoringFieldKind.Date => DateFar,
        _ => ExactDifferent,
    };

    /// <summary>A short text of a level of field <paramref name="name"/>, e.g. <c>given≈</c> or <c>dob:year-only</c>.</summary>
    public static string Describe(string name, ScoringFieldKind kind, int level)
    {
        if (level == Missing)
        {
            return name + ":missing";
        }

        return kind switch
        {
            ScoringFieldKind.StringBloom => name + (level switch { Equal => "=", Close => "≈", Partial => "~", Weak => "≃", _ => "≠" }),
            ScoringFieldKind.Date => name + (level switch
            {
                DateEqual => "=", DateSwapped => ":swapped", DateYearOff => ":year±1", DateYearOnly => ":year-only", DateDayDiffers => ":day≠", _ => "≠",
            }),
            _ => name + (level == ExactEqual ? "=" : "≠"),
        };
    }
}
