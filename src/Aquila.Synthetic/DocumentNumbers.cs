using System.Text;

namespace Aquila.Synthetic;

/// <summary>Passport numbers in the shape each issuing country uses, and the noise exports add to them.</summary>
internal static class DocumentNumbers
{
    /// <summary>A passport number issued by <paramref name="country"/> (alpha-2).</summary>
    public static string Passport(string country, SeededRandom random) => country switch
    {
        "RS" => Digits(9, random, leadingZero: true),
        "BA" or "MK" => Letter(random, "ABCP") + Digits(7, random),
        "ME" => Letter(random, "BCE") + Digits(7, random),
        "AL" => Letter(random, "BR") + Letter(random, "ABCDEFGHIJK") + Digits(7, random),
        "XK" => "P" + Digits(8, random, leadingZero: true),
        "HR" => Digits(9, random),
        _ => Letter(random, "NPRS") + Digits(random.Next(7, 9), random),
    };

    /// <summary>The number as a careless export writes it: spaces or dashes inserted, lower case, zeros dropped.</summary>
    public static string WithNoise(string number, SeededRandom random)
    {
        var firstDigit = 0;
        while (firstDigit < number.Length && !char.IsAsciiDigit(number[firstDigit]))
        {
            firstDigit++;
        }

        switch (random.Next(5))
        {
            case 0 when firstDigit > 0:
                return string.Concat(number.AsSpan(0, firstDigit), " ", number.AsSpan(firstDigit));
            case 1 when firstDigit > 0:
                return string.Concat(number.AsSpan(0, firstDigit), "-", number.AsSpan(firstDigit));
            case 2:
                return Grouped(number, random.Chance(0.5) ? ' ' : '-');
            case 3 when firstDigit > 0:
                return number.ToLowerInvariant();
            case 3 when number.StartsWith('0'):
                return number.TrimStart('0');
            default:
                return Grouped(number, '.');
        }
    }

    private static string Grouped(string number, char separator)
    {
        var sb = new StringBuilder(number.Length + 4);
        for (var i = 0; i < number.Length; i++)
        {
            if (i > 0 && i % 3 == 0)
            {
                sb.Append(separator);
            }

            sb.Append(number[i]);
        }

        return sb.ToString();
    }

    private static string Letter(SeededRandom random, string letters) => letters[random.Next(letters.Length)].ToString();

    private static string Digits(int count, SeededRandom random, bool leadingZero = false)
    {
        Span<char> digits = stackalloc char[count];
        for (var i = 0; i < count; i++)
        {
            digits[i] = (char)('0' + random.Next(10));
        }

        if (leadingZero)
        {
            digits[0] = '0';
        }

        return new string(digits);
    }
}
