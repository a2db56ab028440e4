using System.Text;

namespace Aquila.Tokens.Normalization.Vehicles;

/// <summary>
/// Canonical form of a registration plate, so that the renderings of one plate in the region's records compare equal.
/// </summary>
/// <remarks>
/// <para>Rules, in one pass:</para>
/// <list type="number">
/// <item>Spaces, hyphens, dots and every other character that is not a letter or digit are dropped (BG 123-AB,
/// BG123AB, BG.123.AB). The Serbian, Montenegrin and Bosnian emblems or coats of arms typed as symbols go too.</item>
/// <item>Cyrillic letters become Latin: a plate written in Cyrillic (БГ 123-АБ) is transliterated (Б → B, Г → G,
/// Ж → Z, Ш → S, Ч Ћ Ц → C, Ђ → D, Љ → LJ, Њ → NJ, Џ → DZ, Ѓ → G, Ќ → K, Ѕ → Z); Latin diacritics are stripped
/// (Č Ć → C, Š → S, Ž → Z, Đ → D).</item>
/// <item>Letters that look alike in the two scripts but transliterate differently are folded into one class, because a
/// clerk may have typed a Latin plate with Cyrillic look-alikes (Cyrillic В, Н, Р, С, У, Х for Latin B, H, P, C, Y, X)
/// or transliterated it (В → V, Н → N, Р → R, С → S, У → U, Х → H): B = V, C = S, H = N = X, P = R, U = Y. Plates
/// that differ only within a class then agree; no key holds a plate alone, so the country or make still separates
/// them.</item>
/// <item>O and 0, I and 1 are folded (O → 0, I → 1, Q → 0): the usual misreadings of a plate.</item>
/// </list>
/// <para>The result holds only A–Z and 0–9, is "" for a blank or symbol-only plate, and normalising it again changes
/// nothing.</para>
/// </remarks>
public static class PlateNormalizer
{
    /// <summary>The canonical plate; see the rules on <see cref="PlateNormalizer"/>.</summary>
    public static string Normalize(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        var builder = new StringBuilder(raw.Length);
        foreach (var c in raw)
        {
            if (char.IsAsciiDigit(c))
            {
                builder.Append(c);
            }
            else if (char.IsAsciiLetter(c))
            {
                builder.Append(Fold(char.ToUpperInvariant(c)));
            }
            else if (Cyrillic.Latin(c) is { } latin)
            {
                foreach (var l in latin)
                {
                    builder.Append(Fold(l));
                }
            }
            else if (char.IsLetter(c))
            {
                // Latin with diacritics and other scripts: the name fold strips diacritics and transliterates.
                foreach (var l in NameNormalizer.Canonical(c.ToString()))
                {
                    if (char.IsAsciiLetter(l))
                    {
                        builder.Append(Fold(l));
                    }
                }
            }
            else if (char.IsDigit(c) && char.GetNumericValue(c) is >= 0 and <= 9 and var digit)
            {
                builder.Append((char)('0' + (int)digit));
            }
        }

        return builder.ToString();
    }

    /// <summary>Folds an upper-case Latin letter into its look-alike class (see rule 3 and 4).</summary>
    internal static char Fold(char upper) => upper switch
    {
        'V' => 'B',
        'S' => 'C',
        'N' or 'X' => 'H',
        'R' => 'P',
        'U' => 'Y',
        'O' or 'Q' => '0',
        'I' => '1',
        _ => upper,
    };

    /// <summary>Cyrillic letters of the region's plates (Serbian, Macedonian) and their Latin renderings.</summary>
    private static class Cyrillic
    {
        public static string? Latin(char c) => char.ToUpperInvariant(c) switch
        {
            'А' => "A", 'Б' => "B", 'В' => "V", 'Г' => "G", 'Д' => "D", 'Ђ' => "D", 'Е' => "E", 'Ж' => "Z", 'З' => "Z",
            'И' => "I", 'Ј' => "J", 'К' => "K", 'Л' => "L", 'Љ' => "LJ", 'М' => "M", 'Н' => "N", 'Њ' => "NJ", 'О' => "O",
            'П' => "P", 'Р' => "R", 'С' => "S", 'Т' => "T", 'Ћ' => "C", 'У' => "U", 'Ф' => "F", 'Х' => "H", 'Ц' => "C",
            'Ч' => "C", 'Џ' => "DZ", 'Ш' => "S", 'Ѓ' => "G", 'Ќ' => "K", 'Ѕ' => "Z", 'Й' => "J", 'І' => "I",
            _ => null,
        };
    }
}
