using System.Collections.Frozen;

namespace Aquila.Tokens.Normalization;

/// <summary>
/// Precomputed map from one UTF-16 code unit to its transliterated, diacritic-free, upper-case ASCII letters
/// (first stage of <see cref="NameNormalizer.Canonical"/>). An entry is letters, <c>" "</c> for a part separator,
/// or <c>""</c> for a character that is dropped.
/// </summary>
/// <remarks>
/// The build runs with InvariantGlobalization, where <c>string.Normalize</c> returns non-ASCII text unchanged, so the
/// NFKC step is carried by this table: compatibility decompositions (<see cref="CompatibilityFoldData"/>) are resolved
/// through the hand-written transliterations below, and combining marks are dropped. A few base + combining-mark
/// pairs whose composed letter transliterates differently (Macedonian ѓ, ќ; Cyrillic й, ї) are handled by
/// <see cref="Compose"/>.
/// </remarks>
internal static class NameFoldTable
{
    /// <summary>Code units below this limit live in a dense array; the rest in a frozen dictionary.</summary>
    private const int DenseLimit = 0x0530;

    private static readonly string[] s_dense = new string[DenseLimit];
    private static readonly FrozenDictionary<char, string> s_sparse;

    /// <summary>Longest entry, so callers can size buffers: output length ≤ input length × this.</summary>
    internal static int MaxExpansion { get; }

    static NameFoldTable()
    {
        var sparse = new Dictionary<char, string>();
        Array.Fill(s_dense, string.Empty);

        // Generated compatibility decompositions first, resolved through the explicit map; explicit entries then win.
        foreach (var (baseText, chars) in CompatibilityFoldData.Groups)
        {
            var resolved = Resolve(baseText);
            if (resolved is null)
            {
                continue;
            }

            foreach (var c in chars)
            {
                Set(sparse, c, resolved);
            }
        }

        foreach (var (c, value) in Explicit())
        {
            Set(sparse, c, value);
        }

        for (var c = 0; c < DenseLimit; c++)
        {
            if (char.IsWhiteSpace((char)c))
            {
                s_dense[c] = " ";
            }
        }

        foreach (var c in Separators)
        {
            Set(sparse, c, " ");
        }

        s_sparse = sparse.ToFrozenDictionary();

        var max = 1;
        foreach (var s in s_dense)
        {
            max = Math.Max(max, s.Length);
        }

        foreach (var s in s_sparse.Values)
        {
            max = Math.Max(max, s.Length);
        }

        MaxExpansion = max;
    }

    /// <summary>The folded letters for <paramref name="c"/>: letters, a single space (separator) or empty (dropped).</summary>
    internal static string Lookup(char c)
    {
        if (c < DenseLimit)
        {
            return s_dense[c];
        }

        if (s_sparse.TryGetValue(c, out var value))
        {
            return value;
        }

        return char.IsWhiteSpace(c) ? " " : string.Empty;
    }

    /// <summary>
    /// The transliteration of a base letter followed by a combining mark when the precomposed letter differs from the
    /// base letter alone (decomposed input must give the same result as precomposed input); otherwise null.
    /// </summary>
    internal static string? Compose(char baseChar, char mark) => (baseChar, mark) switch
    {
        // Combining acute: Macedonian ѓ ќ and their Latin forms ǵ ḱ.
        ('г' or 'Г' or 'g' or 'G', '\u0301') => "GJ",
        ('к' or 'К' or 'k' or 'K', '\u0301') => "KJ",
        // Combining breve: й.
        ('и' or 'И', '\u0306') => "J",
        // Combining diaeresis: Ukrainian ї.
        ('і' or 'І', '\u0308') => "JI",
        _ => null,
    };

    /// <summary>True for the combining marks <see cref="Compose"/> looks at.</summary>
    internal static bool IsComposingMark(char c) => c is '\u0301' or '\u0306' or '\u0308';

    private static void Set(Dictionary<char, string> sparse, char c, string value)
    {
        if (c < DenseLimit)
        {
            s_dense[c] = value;
        }
        else
        {
            sparse[c] = value;
        }
    }

    private static string? Resolve(string baseText)
    {
        var builder = new System.Text.StringBuilder(baseText.Length * 2);
        foreach (var c in baseText)
        {
            if (char.IsAsciiLetter(c))
            {
                builder.Append(char.ToUpperInvariant(c));
                continue;
            }

            var mapped = ExplicitLetter(c);
            if (mapped is null)
            {
                return null;
            }

            builder.Append(mapped);
        }

        return builder.ToString();
    }

    private static string? ExplicitLetter(char c)
    {
        foreach (var (k, v) in Explicit())
        {
            if (k == c)
            {
                return v;
            }
        }

        return null;
    }

    /// <summary>Characters that split a name into parts besides white space.</summary>
    private const string Separators =
        "-,/_" +
        "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\u2044\u2215" + // hyphens, dashes, minus, fraction and division slash
        "\uFE50\uFE51\uFE63\uFF0C\uFF0D\uFF0F\uFF3F" + // small and full-width comma, hyphen, slash, low line
        "\u060C\u3001"; // Arabic and ideographic comma

    private static IEnumerable<(char Char, string Value)> Explicit()
    {
        for (var c = 'A'; c <= 'Z'; c++)
        {
            yield return (c, c.ToString());
            yield return (char.ToLowerInvariant(c), c.ToString());
        }

        foreach (var pair in ExplicitPairs)
        {
            var value = pair.Value;
            foreach (var c in pair.Chars)
            {
                yield return (c, value);
            }
        }
    }

    /// <summary>Hand-written transliterations: Latin letters without a decomposition, Cyrillic, Greek.</summary>
    private static readonly (string Chars, string Value)[] ExplicitPairs =
    [
        // Latin letters that do not decompose. Ð (eth) is commonly typed for Đ in Croatian and Bosnian data.
        ("ĐđÐð", "DJ"), ("Łł", "L"), ("Øø", "O"), ("Ææ", "AE"), ("Œœ", "OE"), ("ßẞ", "SS"), ("Þþ", "TH"),
        ("Ħħ", "H"), ("Ŧŧ", "T"), ("ı", "I"), ("ĸ", "K"), ("Ŋŋ", "NG"), ("Ƒƒ", "F"), ("Ƶƶ", "Z"), ("ȷ", "J"),
        ("Ŀŀ", "L"), ("ŉ", "N"), ("Ɖɖ", "D"), ("Ɨɨ", "I"), ("Ʉʉ", "U"), ("Ǥǥ", "G"), ("Ƀƀ", "B"), ("Ɵɵ", "O"),
        ("Ƈƈ", "C"), ("Ɠɠ", "G"), ("Ƙƙ", "K"), ("Ƴƴ", "Y"), ("Ȼȼ", "C"), ("Ɇɇ", "E"), ("Ɍɍ", "R"), ("Ɏɏ", "Y"),
        // Macedonian Latin ǵ ḱ (ISO 9 style) are ѓ ќ, not g k.
        ("Ǵǵ", "GJ"), ("Ḱḱ", "KJ"),

        // Serbian Cyrillic.
        ("Аа", "A"), ("Бб", "B"), ("Вв", "V"), ("Гг", "G"), ("Дд", "D"), ("Ђђ", "DJ"), ("Ее", "E"), ("Жж", "Z"),
        ("Зз", "Z"), ("Ии", "I"), ("Јј", "J"), ("Кк", "K"), ("Лл", "L"), ("Љљ", "LJ"), ("Мм", "M"), ("Нн", "N"),
        ("Њњ", "NJ"), ("Оо", "O"), ("Пп", "P"), ("Рр", "R"), ("Сс", "S"), ("Тт", "T"), ("Ћћ", "C"), ("Уу", "U"),
        ("Фф", "F"), ("Хх", "H"), ("Цц", "C"), ("Чч", "C"), ("Џџ", "DZ"), ("Шш", "S"),
        // Macedonian Cyrillic.
        ("Ѓѓ", "GJ"), ("Ќќ", "KJ"), ("Ѕѕ", "DZ"),
        // Bulgarian, Russian, Ukrainian, Belarusian letters (Bulgarian streamlined system where they differ).
        ("Йй", "J"), ("Щщ", "SHT"), ("Ъъ", "A"), ("Ьь", ""), ("Ыы", "Y"), ("Ээ", "E"), ("Юю", "JU"), ("Яя", "JA"),
        ("Єє", "JE"), ("Іі", "I"), ("Її", "JI"), ("Ґґ", "G"), ("Ѣѣ", "E"), ("Ѳѳ", "F"), ("Ѵѵ", "I"),

        // Greek (ELOT 743 letters, but χ as H like Serbian х).
        ("Αα", "A"), ("Ββ", "V"), ("Γγ", "G"), ("Δδ", "D"), ("Εε", "E"), ("Ζζ", "Z"), ("Ηη", "I"), ("Θθ", "TH"),
        ("Ιι", "I"), ("Κκ", "K"), ("Λλ", "L"), ("Μμ", "M"), ("Νν", "N"), ("Ξξ", "KS"), ("Οο", "O"), ("Ππ", "P"),
        ("Ρρ", "R"), ("Σσς", "S"), ("Ττ", "T"), ("Υυ", "Y"), ("Φφ", "F"), ("Χχ", "H"), ("Ψψ", "PS"), ("Ωω", "O"),
    ];
}
