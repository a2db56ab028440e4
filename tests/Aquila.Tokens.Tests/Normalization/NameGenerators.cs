using FsCheck;
using FsCheck.Fluent;

namespace Aquila.Tokens.Tests.Normalization;

/// <summary>
/// Generators of Serbian and Macedonian names as sequences of alphabet letters (a digraph such as lj or dž is one
/// letter), and a test-side Latin → Cyrillic transliterator over those letters.
/// </summary>
internal static class NameGenerators
{
    /// <summary>Serbian Latin alphabet (Gaj) and the matching Serbian Cyrillic letter, in alphabet order.</summary>
    internal static readonly (string Latin, string Cyrillic)[] SerbianLetters =
    [
        ("a", "а"), ("b", "б"), ("c", "ц"), ("č", "ч"), ("ć", "ћ"), ("d", "д"), ("dž", "џ"), ("đ", "ђ"), ("e", "е"),
        ("f", "ф"), ("g", "г"), ("h", "х"), ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"), ("lj", "љ"), ("m", "м"),
        ("n", "н"), ("nj", "њ"), ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("š", "ш"), ("t", "т"), ("u", "у"),
        ("v", "в"), ("z", "з"), ("ž", "ж"),
    ];

    /// <summary>Macedonian Latin (official romanisation) and the matching Macedonian Cyrillic letter.</summary>
    internal static readonly (string Latin, string Cyrillic)[] MacedonianLetters =
    [
        ("a", "а"), ("b", "б"), ("v", "в"), ("g", "г"), ("d", "д"), ("gj", "ѓ"), ("e", "е"), ("ž", "ж"), ("z", "з"),
        ("dz", "ѕ"), ("i", "и"), ("j", "ј"), ("k", "к"), ("l", "л"), ("lj", "љ"), ("m", "м"), ("n", "н"), ("nj", "њ"),
        ("o", "о"), ("p", "п"), ("r", "р"), ("s", "с"), ("t", "т"), ("kj", "ќ"), ("u", "у"), ("f", "ф"), ("h", "х"),
        ("c", "ц"), ("č", "ч"), ("dž", "џ"), ("š", "ш"),
    ];

    /// <summary>A name of one to three parts, each part one to ten letters of <paramref name="alphabet"/>.</summary>
    internal static Gen<int[][]> Name((string Latin, string Cyrillic)[] alphabet) =>
        Gen.Choose(0, alphabet.Length - 1).ArrayOf().Where(a => a.Length is >= 1 and <= 10)
            .ArrayOf().Where(parts => parts.Length is >= 1 and <= 3);

    /// <summary>Writes a generated name in Latin or Cyrillic, capitalising every part.</summary>
    internal static string Spell(int[][] name, (string Latin, string Cyrillic)[] alphabet, bool cyrillic)
    {
        var builder = new System.Text.StringBuilder();
        foreach (var part in name)
        {
            if (builder.Length > 0)
            {
                builder.Append(' ');
            }

            for (var i = 0; i < part.Length; i++)
            {
                var letter = cyrillic ? alphabet[part[i]].Cyrillic : alphabet[part[i]].Latin;
                builder.Append(i == 0 ? char.ToUpperInvariant(letter[0]) + letter[1..] : letter);
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Latin → Cyrillic over a Latin string, longest letter first, so "Ljubljana" and "Đorđević" need no generator;
    /// used for the example tests.
    /// </summary>
    internal static string ToSerbianCyrillic(string latin)
    {
        var builder = new System.Text.StringBuilder();
        var i = 0;
        while (i < latin.Length)
        {
            var matched = false;
            foreach (var length in (int[])[2, 1])
            {
                if (i + length > latin.Length)
                {
                    continue;
                }

                var piece = latin.Substring(i, length);
                foreach (var (l, c) in SerbianLetters)
                {
                    if (string.Equals(l, piece, StringComparison.OrdinalIgnoreCase))
                    {
                        builder.Append(char.IsUpper(piece[0]) ? c.ToUpperInvariant() : c);
                        i += length;
                        matched = true;
                        break;
                    }
                }

                if (matched)
                {
                    break;
                }
            }

            if (!matched)
            {
                builder.Append(latin[i++]);
            }
        }

        return builder.ToString();
    }

    /// <summary>The usual diacritic-free spelling: đ → dj, every other diacritic dropped.</summary>
    internal static string StripDiacritics(string text)
    {
        var builder = new System.Text.StringBuilder(text.Length + 4);
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                'đ' => "dj",
                'Đ' => "Dj",
                'č' or 'ć' or 'ç' => "c",
                'Č' or 'Ć' or 'Ç' => "C",
                'š' => "s",
                'Š' => "S",
                'ž' => "z",
                'Ž' => "Z",
                'ë' => "e",
                'Ë' => "E",
                _ => c.ToString(),
            });
        }

        return builder.ToString();
    }

    /// <summary>Arbitrary text mixing ASCII, Balkan scripts, combining marks, separators and any UTF-16 unit.</summary>
    internal static Arbitrary<string> AnyText()
    {
        var anyChar = Gen.Frequency(
            (4, Gen.Choose(0x20, 0x7E)),
            (3, Gen.Elements("čćžšđČĆŽŠĐçëÇËÐðǅǈǋﬁĳ".Select(c => (int)c).ToArray())),
            (3, Gen.Choose(0x0400, 0x045F)),
            (1, Gen.Choose(0x0370, 0x03FF)),
            (1, Gen.Choose(0x0300, 0x036F)),
            (1, Gen.Elements(0x2010, 0x2013, 0x00A0, 0x3000, 0xFF0D, 0x200B, 0x00AD, 0x0301, 0x0306, 0x0308)),
            (1, Gen.Choose(0xFF01, 0xFF5E)),
            (2, Gen.Choose(0, 0xFFFF)));
        return anyChar.Select(i => (char)i).ArrayOf().Select(chars => new string(chars)).ToArbitrary();
    }
}
