using System.Globalization;
using Aquila.Synthetic.Places;

namespace Aquila.Synthetic;

/// <summary>National identity numbers as the region's registries issue them.</summary>
internal static class NationalIdNumbers
{
    private static readonly int[] JmbgWeights = [7, 6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2];

    /// <summary>
    /// The number a person born at <paramref name="place"/> on <paramref name="birth"/> holds, or null: a JMBG/EMBG for
    /// places in the former Yugoslavia (Croatia only before 1992, Kosovo only before 2000), a Kosovo personal number
    /// after that, an Albanian personal number in Albania, none elsewhere.
    /// </summary>
    public static string? For(Place place, DateOnly birth, bool female, SeededRandom random) => place.Country switch
    {
        "RS" or "BA" or "ME" or "MK" => Jmbg(birth, place.Region, female, random),
        "HR" when birth.Year < 1992 => Jmbg(birth, place.Region, female, random),
        "XK" when birth.Year < 2000 => Jmbg(birth, place.Region, female, random),
        "XK" => KosovoPersonalNumber(random),
        "AL" => AlbanianPersonalNumber(birth, female, random),
        _ => null,
    };

    /// <summary>A JMBG/EMBG: DDMMYYY, region RR, serial BBB (000–499 men, 500–999 women), check digit.</summary>
    public static string Jmbg(DateOnly birth, int region, bool female, SeededRandom random) =>
        Jmbg(birth, region, random.Next(0, 500) + (female ? 500 : 0));

    /// <summary>
    /// The number of a twin born after the holder of <paramref name="jmbg"/>: the registry gave the next serial number
    /// (within the sex's range), so the two numbers differ only in the serial and the check digit.
    /// </summary>
    public static string NextTwin(string jmbg, bool female, SeededRandom random)
    {
        var serial = int.Parse(jmbg.AsSpan(9, 3), CultureInfo.InvariantCulture);
        var sameSex = serial >= 500 == female;
        var next = sameSex ? (serial % 500 == 499 ? serial - 1 : serial + 1) : random.Next(0, 500) + (female ? 500 : 0);
        Span<char> digits = stackalloc char[13];
        jmbg.AsSpan(0, 9).CopyTo(digits);
        next.TryFormat(digits[9..], out _, "000", CultureInfo.InvariantCulture);
        digits[12] = (char)('0' + JmbgCheckDigit(digits[..12]));
        return new string(digits);
    }

    private static string Jmbg(DateOnly birth, int region, int serial)
    {
        Span<char> digits = stackalloc char[13];
        var inv = CultureInfo.InvariantCulture;
        birth.Day.TryFormat(digits, out _, "00", inv);
        birth.Month.TryFormat(digits[2..], out _, "00", inv);
        (birth.Year % 1000).TryFormat(digits[4..], out _, "000", inv);
        region.TryFormat(digits[7..], out _, "00", inv);
        serial.TryFormat(digits[9..], out _, "000", inv);
        digits[12] = (char)('0' + JmbgCheckDigit(digits[..12]));
        return new string(digits);
    }

    /// <summary>The JMBG check digit of the first twelve digits: 11 − (Σ wᵢdᵢ mod 11), with 10 and 11 written as 0.</summary>
    public static int JmbgCheckDigit(ReadOnlySpan<char> first12)
    {
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += JmbgWeights[i] * (first12[i] - '0');
        }

        var m = 11 - (sum % 11);
        return m > 9 ? 0 : m;
    }

    /// <summary>True for thirteen digits whose last is the check digit of the others.</summary>
    public static bool IsValidJmbg(ReadOnlySpan<char> text)
    {
        if (text.Length != 13)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return text[12] - '0' == JmbgCheckDigit(text[..12]);
    }

    /// <summary>Ten digits, as Kosovo's civil registry issues them since 2000.</summary>
    private static string KosovoPersonalNumber(SeededRandom random)
    {
        Span<char> digits = stackalloc char[10];
        digits[0] = (char)('1' + random.Next(2));
        for (var i = 1; i < digits.Length; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        return new string(digits);
    }

    /// <summary>
    /// The shape of an Albanian personal number: a decade letter, the year's last digit, month (plus 50 for women),
    /// day, three serial digits and a control letter (format only; the control letter is not the official one).
    /// </summary>
    private static string AlbanianPersonalNumber(DateOnly birth, bool female, SeededRandom random)
    {
        var decade = (char)('A' + ((birth.Year - 1900) / 10));
        var month = birth.Month + (female ? 50 : 0);
        var serial = random.Next(1000);
        var control = (char)('A' + ((birth.Day + month + serial) % 23));
        return string.Create(CultureInfo.InvariantCulture, $"{decade}{birth.Year % 10}{month:00}{birth.Day:00}{serial:000}{control}");
    }
}
