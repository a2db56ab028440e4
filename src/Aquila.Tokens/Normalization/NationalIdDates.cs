using Aquila.Tokens.Dates;

namespace Aquila.Tokens.Normalization;

/// <summary>
/// The date of birth a national identity number states. Two numbering schemes of the region encode it: the
/// JMBG/EMBG of the former Yugoslav states (DDMMYYY, then region, serial and check digit) and the Albanian personal
/// number (a decade letter, the year's last digit, the month — plus 50 for women —, the day, three serial digits
/// and a control letter). A record whose date field is missing or holds only a year still states its full date
/// through such a number.
/// </summary>
public static class NationalIdDates
{
    private const int JmbgLength = 13;
    private const int AlbanianLength = 10;

    /// <summary>
    /// The date of birth <paramref name="id"/> states: a JMBG/EMBG with a valid check digit, or a number of the Albanian
    /// personal number's shape whose date is a calendar date. 1 January is a placeholder (as in <see cref="DateParser"/>)
    /// and gives no date.
    /// </summary>
    /// <param name="id">A national id cleaned by <see cref="IdentifierNormalizer.NationalIdForMatching"/>.</param>
    /// <param name="date">The full date, or <see cref="PartialDate.None"/>.</param>
    public static bool TryDateOfBirth(string? id, out PartialDate date)
    {
        date = PartialDate.None;
        if (id is null)
        {
            return false;
        }

        if (id.Length == JmbgLength && IdentifierNormalizer.IsValidJmbg(id))
        {
            return Jmbg(id) is { } fromJmbg && Set(fromJmbg, out date);
        }

        return id.Length == AlbanianLength && Albanian(id) is { } fromAlbanian && Set(fromAlbanian, out date);
    }

    /// <summary>
    /// The date a JMBG/EMBG (13 digits, check digit already verified) states: DDMMYYY, a three-digit year from 800 on in
    /// the 1800s or 1900s, below it in the 2000s; null when it is no calendar date or 1 January (a placeholder).
    /// </summary>
    public static PartialDate? Jmbg(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (id.Length < 7)
        {
            return null;
        }

        var day = Number(id, 0, 2);
        var month = Number(id, 2, 2);
        var short3 = Number(id, 4, 3);
        if (day < 0 || month < 0 || short3 < 0)
        {
            return null;
        }

        return Full(short3 >= 800 ? 1000 + short3 : 2000 + short3, month, day);
    }

    // Letter A for the 1900s' first decade, B for the second, …; month plus 50 for women.
    private static PartialDate? Albanian(string id)
    {
        if (!char.IsAsciiLetterUpper(id[0]) || !char.IsAsciiLetterUpper(id[AlbanianLength - 1]))
        {
            return null;
        }

        var yearDigit = Number(id, 1, 1);
        var month = Number(id, 2, 2);
        var day = Number(id, 4, 2);
        if (yearDigit < 0 || month < 0 || day < 0 || Number(id, 6, 3) < 0)
        {
            return null;
        }

        return Full(1900 + ((id[0] - 'A') * 10) + yearDigit, month > 50 ? month - 50 : month, day);
    }

    private static PartialDate? Full(int year, int month, int day) =>
        month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month) || (day == 1 && month == 1)
            ? null
            : new PartialDate(year, month, day, DatePrecision.Full);

    private static bool Set(PartialDate value, out PartialDate date)
    {
        date = value;
        return true;
    }

    // The decimal number of id[start..start+length], or -1 when a character is not an ASCII digit.
    private static int Number(string id, int start, int length)
    {
        var value = 0;
        for (var i = start; i < start + length; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return -1;
            }

            value = (value * 10) + (id[i] - '0');
        }

        return value;
    }
}
