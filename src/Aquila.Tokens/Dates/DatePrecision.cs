namespace Aquila.Tokens.Dates;

/// <summary>How much of a <see cref="PartialDate"/> is known.</summary>
public enum DatePrecision : byte
{
    /// <summary>No date at all (blank source value).</summary>
    None = 0,

    /// <summary>Only the year is known (also used for placeholder dates such as 01.01.YYYY).</summary>
    Year = 1,

    /// <summary>Year and month are known, the day is not.</summary>
    YearMonth = 2,

    /// <summary>A complete calendar date.</summary>
    Full = 3,
}
