using System.Text;

namespace Aquila.Tokens.Normalization.Vehicles;

/// <summary>
/// Vehicle identification numbers (ISO 3779): cleaning, the check digit at position 9, and whether the manufacturer's
/// region makes that check digit mandatory.
/// </summary>
public static class Vin
{
    /// <summary>Length of a modern VIN.</summary>
    public const int Length = 17;

    private const int CheckPosition = 8;

    // ISO 3779 / 49 CFR 565.15 transliteration of letters to values and the position weights of the check digit.
    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>
    /// Upper case, spaces, hyphens, dots and other separators dropped, Cyrillic look-alikes (А В С Е Н К М О Р Т Х У І)
    /// read as the Latin letters they look like, and I, O, Q read as 1, 0, 0 (a VIN never holds those letters, so
    /// they are always misreadings of digits). "" when nothing is left.
    /// </summary>
    public static string Clean(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            var upper = LookAlike(char.ToUpperInvariant(c));
            if (char.IsAsciiDigit(upper))
            {
                builder.Append(upper);
            }
            else if (char.IsAsciiLetterUpper(upper))
            {
                builder.Append(upper switch { 'I' => '1', 'O' or 'Q' => '0', _ => upper });
            }
        }

        return builder.ToString();
    }

    /// <summary>True for 17 characters of digits and letters (after <see cref="Clean"/>).</summary>
    public static bool IsWellFormed(ReadOnlySpan<char> vin)
    {
        if (vin.Length != Length)
        {
            return false;
        }

        foreach (var c in vin)
        {
            if (!char.IsAsciiDigit(c) && !(char.IsAsciiLetterUpper(c) && c is not ('I' or 'O' or 'Q')))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The check digit (0-9 or X) a well-formed VIN should carry at position 9.</summary>
    public static char ExpectedCheckDigit(ReadOnlySpan<char> vin)
    {
        var sum = 0;
        for (var i = 0; i < Length; i++)
        {
            sum += Value(vin[i]) * Weights[i];
        }

        var remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    /// <summary>True when a well-formed VIN's position 9 holds its check digit.</summary>
    public static bool HasValidCheckDigit(ReadOnlySpan<char> vin) =>
        IsWellFormed(vin) && vin[CheckPosition] == ExpectedCheckDigit(vin);

    /// <summary>
    /// True when the manufacturer's region requires the check digit: North America (WMI starting 1-5), where
    /// 49 CFR 565 makes it mandatory. Elsewhere (Europe S-Z, Asia J-R, ...) it is optional and many manufacturers
    /// put a filler there.
    /// </summary>
    public static bool CheckDigitMandatory(ReadOnlySpan<char> vin) => vin.Length > 0 && vin[0] is >= '1' and <= '5';

    /// <summary>
    /// True when a cleaned VIN identifies a vehicle by nature: well-formed, and its check digit right or not used in
    /// its region.
    /// </summary>
    public static bool IsVerified(ReadOnlySpan<char> vin) =>
        IsWellFormed(vin) && (!CheckDigitMandatory(vin) || vin[CheckPosition] == ExpectedCheckDigit(vin));

    private static int Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        'A' or 'J' => 1,
        'B' or 'K' or 'S' => 2,
        'C' or 'L' or 'T' => 3,
        'D' or 'M' or 'U' => 4,
        'E' or 'N' or 'V' => 5,
        'F' or 'W' => 6,
        'G' or 'P' or 'X' => 7,
        'H' or 'Y' => 8,
        'R' or 'Z' => 9,
        _ => 0,
    };

    private static char LookAlike(char c) => c switch
    {
        'А' => 'A', 'В' => 'B', 'С' => 'C', 'Е' => 'E', 'Н' => 'H', 'К' => 'K', 'М' => 'M', 'О' => 'O', 'Р' => 'P',
        'Т' => 'T', 'Х' => 'X', 'У' => 'Y', 'І' => 'I', 'Ј' => 'J', 'Ѕ' => 'S',
        _ => c,
    };
}
