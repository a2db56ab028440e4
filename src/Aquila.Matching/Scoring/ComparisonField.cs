namespace Aquila.Matching.Scoring;

/// <summary>
/// The fields a stage-2 comparison scores, each with its agreement levels (level 0 is always "missing on a side").
/// The stage-1 band is not one of them: it is a function of these same fields, and as a field of the EM fit it made the
/// two-class mixture split on it (FEBRL 2: all-bands recall 0.838 with it, 0.957 without).
/// </summary>
public static class ComparisonField
{
    /// <summary>Field indexes.</summary>
    public const int Given = 0, Family = 1, Father = 2, Place = 3, Dob = 4, Sex = 5, NationalId = 6, Document = 7;

    /// <summary>Number of fields.</summary>
    public const int Count = 8;

    /// <summary>Levels of a string field: missing, equal, close (Dice ≥ 0.8), partial (Dice ≥ 0.6), far.</summary>
    public const int StringLevels = 5;

    /// <summary>
    /// Levels of the date of birth: missing, equal, day/month swapped, month-day equal and year ±1, year ±1 with a
    /// side that has only a year, year ±1 with another month-day, far.
    /// </summary>
    public const int DobLevels = 7;

    /// <summary>Levels of an exact field: missing, equal, different.</summary>
    public const int ExactLevels = 3;

    /// <summary>Field names, as printed next to a hit (never values).</summary>
    public static IReadOnlyList<string> Names { get; } = ["given", "family", "father", "place", "dob", "sex", "national_id", "document"];

    /// <summary>How many levels field <paramref name="field"/> has.</summary>
    public static int Levels(int field) => field switch
    {
        <= Place => StringLevels,
        Dob => DobLevels,
        _ => ExactLevels,
    };

    /// <summary>A short text of a field's level, e.g. <c>given≈</c> or <c>dob:year</c>.</summary>
    public static string Describe(int field, int level)
    {
        var name = Names[field];
        if (level == 0)
        {
            return name + ":missing";
        }

        return field switch
        {
            <= Place => name + (level switch { 1 => "=", 2 => "≈", 3 => "~", _ => "≠" }),
            Dob => name + (level switch { 1 => "=", 2 => ":swapped", 3 => ":year±1", 4 => ":year-only", 5 => ":day≠", _ => "≠" }),
            _ => name + (level == 1 ? "=" : "≠"),
        };
    }
}
