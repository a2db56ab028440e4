using System.Text;

namespace Aquila.Synthetic.Rendering;

/// <summary>
/// Between Gaj's Latin alphabet and Albanian orthography: how Albanian-speaking services write Slavic names
/// (ć → q, č → ç, đ → gj, dž → xh, š → sh, ž → zh) and how Slavic-speaking services write Albanian ones
/// (Krasniqi → Krasnići, Xhaferi → Džaferi, Thaçi → Tači).
/// </summary>
internal static class AlbanianOrthography
{
    /// <summary>A Slavic name in Gaj's Latin alphabet written the Albanian way (Petrović → Petroviq).</summary>
    public static string FromSlavic(string text)
    {
        if (!GajLatin.HasDiacritics(text))
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
                CasedLetters.Append(sb, "xh", upper);
                i++;
                continue;
            }

            var replacement = lower switch
            {
                'ć' => "q",
                'č' => "ç",
                'đ' => "gj",
                'š' => "sh",
                'ž' => "zh",
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

    /// <summary>An Albanian name written with Gaj's Latin letters (Krasniqi → Krasnići, Hyseni → Hiseni).</summary>
    public static string ToSlavic(string text)
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
                ('x', 'h') => "dž",
                ('g', 'j') => "đ",
                ('s', 'h') => "š",
                ('z', 'h') => "ž",
                ('d', 'h') => "d",
                ('t', 'h') => "t",
                ('l', 'l') => "l",
                ('r', 'r') => "r",
                _ => null,
            };
            if (digraph is not null)
            {
                CasedLetters.Append(sb, digraph, upper);
                i++;
                continue;
            }

            var replacement = lower switch
            {
                'q' => "ć",
                'ç' => "č",
                'ë' => i == text.Length - 1 ? string.Empty : "e",
                'x' => "dz",
                'y' => "i",
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

    /// <summary>Albanian without its two diacritics (ë → e, ç → c), as on keyboards without them.</summary>
    public static string WithoutDiacritics(string text) =>
        text.AsSpan().IndexOfAny("ëçËÇ") < 0
            ? text
            : text.Replace('ë', 'e').Replace('ç', 'c').Replace('Ë', 'E').Replace('Ç', 'C');
}
