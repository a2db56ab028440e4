using System.Buffers;
using System.Globalization;

namespace Aquila.Tokens.Normalization;

/// <summary>Canonical forms of identifiers, countries and sex codes in person records.</summary>
public static class IdentifierNormalizer
{
    private const int StackChars = 128;
    private const int JmbgLength = 13;

    /// <summary>
    /// Canonical document (passport, identity card) number: upper-case letters and digits only.
    /// </summary>
    /// <remarks>
    /// Every character that is not a letter or digit (spaces, dashes, dots, slashes, any punctuation) is removed;
    /// Cyrillic and Greek capitals that look like Latin ones (А В Е К М Н О Р С Т Х У І Ј Ѕ, Α Β Ε Ζ Η Ι Κ Μ Ν Ο Ρ Τ
    /// Υ Χ) become their Latin twins; full-width and other compatibility forms and accented Latin letters fold to
    /// their ASCII base; decimal digits of any script become ASCII digits; then letter O becomes digit 0.
    /// "AB 12-34.5O" → "AB123450".
    /// </remarks>
    /// <returns>The cleaned number, or "" when nothing is left.</returns>
    public static string DocumentNumber(string? raw) => CleanIdentifier(raw);

    /// <summary>National identity number, cleaned exactly like <see cref="DocumentNumber"/>.</summary>
    /// <returns>The cleaned number, or "" when nothing is left.</returns>
    public static string NationalId(string? raw) => CleanIdentifier(raw);

    /// <summary>
    /// <see cref="DocumentNumber"/> as match keys compare it: an all-digit number also loses its leading zeros, which
    /// spreadsheets and numeric database columns drop ("058548076" = "58548076").
    /// </summary>
    public static string DocumentNumberForMatching(string? raw)
    {
        var cleaned = CleanIdentifier(raw);
        return IsAllDigits(cleaned) && cleaned.Length > 1 && cleaned[0] == '0' ? TrimZeros(cleaned) : cleaned;
    }

    /// <summary>
    /// <see cref="NationalId"/> as match keys compare it: twelve digits that become a valid JMBG/EMBG with a leading
    /// zero put back are that JMBG (the zero of a day 01–09 is dropped by numeric columns).
    /// </summary>
    public static string NationalIdForMatching(string? raw)
    {
        var cleaned = CleanIdentifier(raw);
        if (cleaned.Length == JmbgLength - 1 && IsAllDigits(cleaned))
        {
            var restored = "0" + cleaned;
            if (IsValidJmbg(restored))
            {
                return restored;
            }
        }

        return cleaned;
    }

    private static bool IsAllDigits(string text)
    {
        foreach (var c in text)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return text.Length > 0;
    }

    private static string TrimZeros(string digits)
    {
        var trimmed = digits.TrimStart('0');
        return trimmed.Length == 0 ? "0" : trimmed;
    }

    /// <summary>
    /// True if <paramref name="id"/> is 13 ASCII digits whose last digit is the JMBG/EMBG check digit: weights
    /// 7 6 5 4 3 2 7 6 5 4 3 2 on the first twelve digits, m = 11 − (sum mod 11), m of 10 or 11 counts as 0.
    /// </summary>
    public static bool IsValidJmbg(ReadOnlySpan<char> id)
    {
        if (id.Length != JmbgLength)
        {
            return false;
        }

        var sum = 0;
        for (var i = 0; i < JmbgLength; i++)
        {
            if (!char.IsAsciiDigit(id[i]))
            {
                return false;
            }

            if (i < JmbgLength - 1)
            {
                sum += (id[i] - '0') * (7 - (i % 6));
            }
        }

        return JmbgCheckDigit(sum) == id[JmbgLength - 1] - '0';
    }

    /// <summary>
    /// Country (nationality, issuing country) as an ISO 3166-1 alpha-2 code, from an alpha-2 or alpha-3 code or a
    /// common English, local or neighbouring-language name, regardless of case, script and diacritics.
    /// </summary>
    /// <remarks>
    /// Codes: every ISO 3166-1 alpha-2 and alpha-3 code, plus XK/XKX/RKS/UNK for Kosovo, UK for GB, EL for GR,
    /// SAD (Serbian for USA) and the machine-readable-zone code D for Germany. Names: see <see cref="CountryData"/>.
    /// </remarks>
    /// <returns>The alpha-2 code; "" when <paramref name="raw"/> is blank; null when not recognised.</returns>
    public static string? Country(string? raw) => CountryTable.Find(raw);

    /// <summary>
    /// Sex from a code or word in the region's languages: M, male, muški/muško, мушки, moški, mashkull, masculin,
    /// männlich, and Cyrillic М → <see cref="Sex.Male"/>; F, Ž, Z, Ж, W, female, ženski/žensko/žena, женски, femër,
    /// feminin, weiblich → <see cref="Sex.Female"/>; anything else or blank → <see cref="Sex.Unknown"/>.
    /// Numeric codes are not interpreted (conventions differ between systems).
    /// </summary>
    public static Sex ParseSex(string? raw)
    {
        var folded = NameNormalizer.Canonical(raw);
        if (folded.Length == 0 || folded.Contains(' ', StringComparison.Ordinal))
        {
            return Sex.Unknown;
        }

        return folded switch
        {
            "M" => Sex.Male,
            "F" or "Z" or "W" => Sex.Female,
            _ when StartsWithAny(folded, MalePrefixes) => Sex.Male,
            _ when StartsWithAny(folded, FemalePrefixes) => Sex.Female,
            _ => Sex.Unknown,
        };
    }

    /// <summary>Canonical (folded) prefixes of words for male: mus(ki), mas(hkull|culin), male, man(nlich), mos(ki).</summary>
    private static readonly string[] MalePrefixes = ["MUS", "MAS", "MALE", "MAN", "MOS"];

    /// <summary>Canonical prefixes of words for female: zen(ski|a), fem(ale|er|inin), wom(an), weib(lich).</summary>
    private static readonly string[] FemalePrefixes = ["ZEN", "FEM", "WOM", "WEIB"];

    private static bool StartsWithAny(string folded, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (folded.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }

    internal static int JmbgCheckDigit(int weightedSum)
    {
        var m = 11 - (weightedSum % 11);
        return m >= 10 ? 0 : m;
    }

    private static string CleanIdentifier(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return string.Empty;
        }

        char[]? rented = null;
        Span<char> buffer = raw.Length <= StackChars
            ? stackalloc char[raw.Length]
            : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            var length = 0;
            foreach (var c in raw)
            {
                var cleaned = CleanIdentifierChar(c);
                if (cleaned != '\0')
                {
                    buffer[length++] = cleaned;
                }
            }

            var result = buffer[..length];
            return result.SequenceEqual(raw) ? raw : new string(result);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>One character of an identifier, cleaned; '\0' when it is dropped.</summary>
    private static char CleanIdentifierChar(char c)
    {
        if (char.IsAsciiDigit(c))
        {
            return c;
        }

        var upper = char.ToUpperInvariant(c);
        if (char.IsAsciiLetterUpper(upper))
        {
            return upper == 'O' ? '0' : upper;
        }

        var twin = LatinTwin(upper);
        if (twin != '\0')
        {
            return twin == 'O' ? '0' : twin;
        }

        var digit = CharUnicodeInfo.GetDecimalDigitValue(c);
        if (digit >= 0)
        {
            return (char)('0' + digit);
        }

        if (!char.IsLetter(c))
        {
            return '\0';
        }

        // Full-width and accented Latin letters fold to their base; other letters are kept as they are.
        var folded = NameFoldTable.Lookup(c);
        if (folded.Length == 1 && char.IsAsciiLetterUpper(folded[0]) && !IsCyrillicOrGreek(c))
        {
            return folded[0] == 'O' ? '0' : folded[0];
        }

        return upper;
    }

    private static bool IsCyrillicOrGreek(char c) => c is >= '\u0370' and <= '\u052F';

    /// <summary>The Latin capital a Cyrillic or Greek capital looks like, or '\0'.</summary>
    private static char LatinTwin(char upper) => upper switch
    {
        'А' or 'Α' => 'A',
        'В' or 'Β' => 'B',
        'Е' or 'Ε' => 'E',
        'Ζ' => 'Z',
        'Н' or 'Η' => 'H',
        'І' or 'Ι' => 'I',
        'Ј' => 'J',
        'К' or 'Κ' => 'K',
        'М' or 'Μ' => 'M',
        'Ν' => 'N',
        'О' or 'Ο' => 'O',
        'Р' or 'Ρ' => 'P',
        'С' => 'C',
        'Ѕ' => 'S',
        'Т' or 'Τ' => 'T',
        'Х' or 'Χ' => 'X',
        'У' or 'Υ' => 'Y',
        _ => '\0',
    };
}
