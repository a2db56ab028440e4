namespace Aquila.Tokens.Dates;

/// <summary>
/// A date of which only part may be known: the year, the year and month, or the full date.
/// Unknown parts are zero (<see cref="Month"/> and <see cref="Day"/> are 0 for <see cref="DatePrecision.Year"/>,
/// <see cref="Day"/> is 0 for <see cref="DatePrecision.YearMonth"/>, everything is 0 for <see cref="DatePrecision.None"/>).
/// </summary>
/// <remarks>
/// <see cref="DateParser"/> treats 1 January as a placeholder, so it never produces a <see cref="DatePrecision.Full"/>
/// date on 1 January; such a value formats and re-parses as year-only.
/// </remarks>
/// <param name="Year">Year (1850–2100 when produced by <see cref="DateParser"/>), 0 when unknown.</param>
/// <param name="Month">Month 1–12, 0 when unknown.</param>
/// <param name="Day">Day of month 1–31, 0 when unknown.</param>
/// <param name="Precision">Which parts are known.</param>
public readonly record struct PartialDate(int Year, int Month, int Day, DatePrecision Precision)
{
    /// <summary>Length of the longest formatted value, "YYYY-MM-DD".</summary>
    public const int MaxFormattedLength = 10;

    /// <summary>The absent date (blank source value).</summary>
    public static PartialDate None => default;

    /// <summary>
    /// Formats as "YYYY-MM-DD", "YYYY-MM" or "YYYY" according to <see cref="Precision"/>, or "" for
    /// <see cref="DatePrecision.None"/>. <see cref="DateParser.TryParse"/> reads the result back to the same value.
    /// </summary>
    public string Format()
    {
        Span<char> buffer = stackalloc char[MaxFormattedLength];
        return TryFormat(buffer, out var written) ? new string(buffer[..written]) : string.Empty;
    }

    /// <summary>Allocation-free form of <see cref="Format"/>.</summary>
    /// <returns>False when <paramref name="destination"/> is too short.</returns>
    public bool TryFormat(Span<char> destination, out int charsWritten)
    {
        charsWritten = Precision switch
        {
            DatePrecision.Year => 4,
            DatePrecision.YearMonth => 7,
            DatePrecision.Full => 10,
            _ => 0,
        };
        if (destination.Length < charsWritten)
        {
            charsWritten = 0;
            return false;
        }

        if (charsWritten == 0)
        {
            return true;
        }

        WriteDigits(destination[..4], Year);
        if (charsWritten >= 7)
        {
            destination[4] = '-';
            WriteDigits(destination.Slice(5, 2), Month);
        }

        if (charsWritten == 10)
        {
            destination[7] = '-';
            WriteDigits(destination.Slice(8, 2), Day);
        }

        return true;
    }

    /// <summary>
    /// True when this is a full date whose day and month could have been written the other way round
    /// (both at most 12 and different); <paramref name="swapped"/> is then that other date.
    /// </summary>
    public bool TrySwapDayMonth(out PartialDate swapped)
    {
        if (Precision == DatePrecision.Full && Day <= 12 && Month <= 12 && Day != Month && Day >= 1 && Month >= 1)
        {
            // Any month has at least 12 days, so the swapped date is always a valid calendar date.
            swapped = new PartialDate(Year, Day, Month, DatePrecision.Full);
            return true;
        }

        swapped = default;
        return false;
    }

    private static void WriteDigits(Span<char> destination, int value)
    {
        for (var i = destination.Length - 1; i >= 0; i--)
        {
            destination[i] = (char)('0' + (value % 10));
            value /= 10;
        }
    }
}
