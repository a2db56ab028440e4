using System.Text;

namespace Aquila.Synthetic.Rendering;

/// <summary>
/// Conversions out of Gaj's Latin alphabet (the pivot spelling of South Slavic names): Serbian and Macedonian
/// Cyrillic, the Macedonian official romanisation, English-style spelling and plain ASCII. Input is title case or
/// lower case; upper-casing happens after rendering.
/// </summary>
internal static class GajLatin
{
    /// <summary>Serbian Cyrillic, or Macedonian Cyrillic when <paramref name="macedonian"/> (đ → ѓ, ć → ќ, dz → ѕ).</summary>
    public static string ToCyrillic(string text, bool macedonian)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lower = char.ToLowerInvariant(c);
            var upper = c != lower;
            var next = i + 1 < text.Length ? char.ToLowerInvariant(text[i + 1]) : '\0';
            string? digraph = (lower, next) switch
            {
                ('l', 'j') => "љ",
                ('n', 'j') => "њ",
                ('d', 'ž') => "џ",
                ('d', 'z') when macedonian => "ѕ",
                _ => null,
            };
            if (digraph is not null)
            {
                sb.Append(upper ? digraph.ToUpperInvariant() : digraph);
                i++;
                continue;
            }

            var mapped = lower switch
            {
                'a' => "а", 'b' => "б", 'c' => "ц", 'č' => "ч", 'ć' => macedonian ? "ќ" : "ћ", 'd' => "д",
                'đ' => macedonian ? "ѓ" : "ђ", 'e' => "е", 'f' => "ф", 'g' => "г", 'h' => "х", 'i' => "и", 'j' => "ј",
                'k' => "к", 'l' => "л", 'm' => "м", 'n' => "н", 'o' => "о", 'p' => "п", 'q' => "к", 'r' => "р",
                's' => "с", 'š' => "ш", 't' => "т", 'u' => "у", 'v' => "в", 'w' => "в", 'x' => "кс", 'y' => "ј",
                'z' => "з", 'ž' => "ж",
                _ => null,
            };
            if (mapped is null)
            {
                sb.Append(c);
            }
            else if (upper)
            {
                sb.Append(char.ToUpperInvariant(mapped[0])).Append(mapped.AsSpan(1));
            }
            else
            {
                sb.Append(mapped);
            }
        }

        return sb.ToString();
    }

    /// <summary>The Macedonian official romanisation: đ → gj, ć → kj, č → ch, š → sh, ž → zh, dž → dzh.</summary>
    public static string ToMacedonianLatin(string text) => Replace(text, "gj", "kj", "ch", "sh", "zh", "dzh");

    /// <summary>English-style spelling as foreign systems write it (Petrovich, Djordjevic, Zhivkovic).</summary>
    public static string ToEnglishStyle(string text) => Replace(text, "dj", "ch", "ch", "sh", "zh", "dzh");

    /// <summary>
    /// Diacritics dropped as keyboards without them do: č, ć → c, š → s, ž → z, and đ → dj or, with
    /// <paramref name="dAsD"/>, d.
    /// </summary>
    public static string WithoutDiacritics(string text, bool dAsD) =>
        Replace(text, dAsD ? "d" : "dj", "c", "c", "s", "z", "dz");

    /// <summary>True when the text has a letter that differs between the spellings (č ć đ š ž).</summary>
    public static bool HasDiacritics(string text) => text.AsSpan().IndexOfAny("čćđšžČĆĐŠŽ") >= 0;

    private static string Replace(string text, string dj, string kj, string ch, string sh, string zh, string dzh)
    {
        if (!HasDiacritics(text))
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 4);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lower = char.ToLowerInvariant(c);
            var upper = c != lower;
            if (lower == 'd' && i + 1 < text.Length && char.ToLowerInvariant(text[i + 1]) == 'ž')
            {
                CasedLetters.Append(sb, dzh, upper);
                i++;
                continue;
            }

            var replacement = lower switch
            {
                'đ' => dj,
                'ć' => kj,
                'č' => ch,
                'š' => sh,
                'ž' => zh,
                _ => null,
            };
            if (replacement is null)
            {
                sb.Append(c);
            }
            else
            {
                CasedLetters.Append(sb, replacement, upper);
            }
        }

        return sb.ToString();
    }
}
