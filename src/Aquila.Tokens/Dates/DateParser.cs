namespace Aquila.Tokens.Dates;

/// <summary>
/// Parses dates of birth as police systems of the region export them into a <see cref="PartialDate"/>.
/// </summary>
/// <remarks>
/// <para>Accepted forms (D and M may have one or two digits, the year always has four; surrounding white space is ignored):</para>
/// <list type="table">
/// <listheader><term>Form</term><description>Result</description></listheader>
/// <item><term>DD.MM.YYYY, DD.MM.YYYY., D.M.YYYY, DD. MM. YYYY.</term><description>full date (day first)</description></item>
/// <item><term>DD/MM/YYYY, DD-MM-YYYY</term><description>full date (day first)</description></item>
/// <item><term>YYYY-MM-DD, YYYY/MM/DD, YYYY.MM.DD, YYYY. MM. DD.</term><description>full date (year first)</description></item>
/// <item><term>YYYYMMDD</term><description>full date (eight digits)</description></item>
/// <item><term>MM.YYYY, MM.YYYY., MM/YYYY, MM-YYYY</term><description>year and month</description></item>
/// <item><term>YYYY-MM, YYYY/MM, YYYY.MM</term><description>year and month</description></item>
/// <item><term>YYYY, YYYY.</term><description>year only</description></item>
/// <item><term>blank or white space</term><description><see cref="PartialDate.None"/> (success)</description></item>
/// </list>
/// <para>Both separators of one date must be the same character ('.', '/' or '-'); a trailing dot is accepted after
/// a year alone or when the separator is a dot. Placeholders become less precise: 00.00.YYYY, 00.YYYY and
/// 1 January in any form (01.01.YYYY, YYYY-01-01, YYYY0101 …) are year-only; 00.MM.YYYY (day zero) is year and month.</para>
/// <para>Rejected: two-digit years (the century is ambiguous), years outside 1850–2100, months outside 1–12, days that
/// are not in the month (31 April, 29 February outside leap years), a day with month zero, anything else.
/// Failure reasons never repeat the input value. Parsing does not allocate on success.</para>
/// </remarks>
public static class DateParser
{
    /// <summary>Earliest accepted year.</summary>
    public const int MinYear = 1850;

    /// <summary>Latest accepted year.</summary>
    public const int MaxYear = 2100;

    private const string Unrecognised = "unrecognised date format";
    private const string TwoDigitYear = "two-digit year is ambiguous (write the year with four digits)";
    private const string YearOutOfRange = "year outside 1850-2100";
    private const string MonthOutOfRange = "month outside 1-12";
    private const string DayOutOfRange = "day outside 1-31";
    private const string DayWithoutMonth = "day given with month 00";
    private const string NotLeapYear = "the day does not exist in that month (not a leap year)";
    private const string DayNotInMonth = "the day does not exist in that month";

    /// <summary>Parses <paramref name="text"/>; see the remarks on <see cref="DateParser"/> for the accepted forms.</summary>
    /// <param name="text">The source value.</param>
    /// <param name="date">The parsed date, <see cref="PartialDate.None"/> for a blank value or on failure.</param>
    /// <param name="reason">On failure a short reason that does not contain the value; null on success.</param>
    /// <returns>True for a valid date or a blank value.</returns>
    public static bool TryParse(ReadOnlySpan<char> text, out PartialDate date, out string? reason)
    {
        date = default;
        reason = null;
        var s = text.Trim();
        if (s.IsEmpty)
        {
            return true;
        }

        var trailingDot = false;
        if (s[^1] == '.')
        {
            trailingDot = true;
            s = s[..^1].TrimEnd();
        }

        if (!TrySplit(s, out var groups))
        {
            reason = Unrecognised;
            return false;
        }

        if (trailingDot && groups.Separator != '.' && !(groups.Count == 1 && groups.Digits0 == 4))
        {
            reason = Unrecognised;
            return false;
        }

        reason = groups.Count switch
        {
            1 => FromOneGroup(in groups, out date),
            2 => FromTwoGroups(in groups, out date),
            _ => FromThreeGroups(in groups, out date),
        };
        return reason is null;
    }

    private static string? FromOneGroup(in DateGroups g, out PartialDate date)
    {
        date = default;
        return g.Digits0 switch
        {
            4 => Build(g.Value0, 0, 0, DatePrecision.Year, out date),
            8 => Build(g.Value0 / 10000, g.Value0 / 100 % 100, g.Value0 % 100, DatePrecision.Full, out date),
            2 => TwoDigitYear,
            _ => Unrecognised,
        };
    }

    private static string? FromTwoGroups(in DateGroups g, out PartialDate date)
    {
        date = default;
        if (IsShort(g.Digits0) && g.Digits1 == 4)
        {
            return Build(g.Value1, g.Value0, 0, DatePrecision.YearMonth, out date);
        }

        if (g.Digits0 == 4 && IsShort(g.Digits1))
        {
            return Build(g.Value0, g.Value1, 0, DatePrecision.YearMonth, out date);
        }

        return IsShort(g.Digits0) && g.Digits1 == 2 ? TwoDigitYear : Unrecognised;
    }

    private static string? FromThreeGroups(in DateGroups g, out PartialDate date)
    {
        date = default;
        if (IsShort(g.Digits0) && IsShort(g.Digits1) && g.Digits2 == 4)
        {
            return Build(g.Value2, g.Value1, g.Value0, DatePrecision.Full, out date);
        }

        if (g.Digits0 == 4 && IsShort(g.Digits1) && IsShort(g.Digits2))
        {
            return Build(g.Value0, g.Value1, g.Value2, DatePrecision.Full, out date);
        }

        return IsShort(g.Digits0) && IsShort(g.Digits1) && g.Digits2 == 2 ? TwoDigitYear : Unrecognised;
    }

    private static bool IsShort(int digits) => digits is 1 or 2;

    /// <summary>Validates the parts and applies the placeholder rules; returns a failure reason or null.</summary>
    private static string? Build(int year, int month, int day, DatePrecision precision, out PartialDate date)
    {
        date = default;
        if (year is < MinYear or > MaxYear)
        {
            return YearOutOfRange;
        }

        if (precision == DatePrecision.Year)
        {
            date = new PartialDate(year, 0, 0, DatePrecision.Year);
            return null;
        }

        if (month > 12)
        {
            return MonthOutOfRange;
        }

        if (precision == DatePrecision.Full && day == 0)
        {
            // 00.MM.YYYY: the day is a placeholder.
            precision = DatePrecision.YearMonth;
        }

        if (precision == DatePrecision.YearMonth)
        {
            date = month == 0
                ? new PartialDate(year, 0, 0, DatePrecision.Year)
                : new PartialDate(year, month, 0, DatePrecision.YearMonth);
            return null;
        }

        if (month == 0)
        {
            return DayWithoutMonth;
        }

        if (day > 31)
        {
            return DayOutOfRange;
        }

        if (day > DateTime.DaysInMonth(year, month))
        {
            return month == 2 && day == 29 ? NotLeapYear : DayNotInMonth;
        }

        // 1 January is what many systems store when only the year is known.
        date = month == 1 && day == 1
            ? new PartialDate(year, 0, 0, DatePrecision.Year)
            : new PartialDate(year, month, day, DatePrecision.Full);
        return null;
    }

    /// <summary>Splits "digits (sep digits){0,2}" where sep is one of . / - with optional spaces around it.</summary>
    private static bool TrySplit(ReadOnlySpan<char> s, out DateGroups groups)
    {
        groups = default;
        var i = 0;
        while (true)
        {
            var start = i;
            var value = 0;
            while (i < s.Length && char.IsAsciiDigit(s[i]))
            {
                if (i - start < 9)
                {
                    value = (value * 10) + (s[i] - '0');
                }

                i++;
            }

            var digits = i - start;
            if (digits == 0 || digits > 8 || groups.Count == 3)
            {
                return false;
            }

            groups.Add(value, digits);
            if (i == s.Length)
            {
                return true;
            }

            i = SkipSpaces(s, i);
            if (i == s.Length || s[i] is not ('.' or '/' or '-'))
            {
                return false;
            }

            if (groups.Separator == '\0')
            {
                groups.Separator = s[i];
            }
            else if (groups.Separator != s[i])
            {
                return false;
            }

            i = SkipSpaces(s, i + 1);
        }
    }

    private static int SkipSpaces(ReadOnlySpan<char> s, int i)
    {
        while (i < s.Length && s[i] == ' ')
        {
            i++;
        }

        return i;
    }

    /// <summary>Up to three numeric groups of a date, kept in fields so parsing needs no heap or stack buffers.</summary>
    private struct DateGroups
    {
        public int Count;
        public char Separator;
        public int Value0;
        public int Value1;
        public int Value2;
        public int Digits0;
        public int Digits1;
        public int Digits2;

        public void Add(int value, int digits)
        {
            switch (Count)
            {
                case 0:
                    Value0 = value;
                    Digits0 = digits;
                    break;
                case 1:
                    Value1 = value;
                    Digits1 = digits;
                    break;
                default:
                    Value2 = value;
                    Digits2 = digits;
                    break;
            }

            Count++;
        }
    }
}
