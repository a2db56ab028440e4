using System.Text;

namespace Aquila.Synthetic.Rendering;

/// <summary>
/// Transcription errors: a name written down as heard or misread from handwriting, where letters that sound alike
/// are confused (č/ć, dž/đ, lj → l, nj → n, ij → i, h dropped, and the Cyrillic counterparts), or a consonant is
/// doubled. Unlike <see cref="Typos"/> the result is a plausible spelling of the name.
/// </summary>
internal static class Transcription
{
    private static readonly (string From, string To)[] Confusions =
    [
        ("č", "ć"), ("ć", "č"), ("dž", "đ"), ("đ", "dž"), ("lj", "l"), ("nj", "n"), ("ij", "i"), ("h", ""), ("c", "č"),
        ("Č", "Ć"), ("Ć", "Č"), ("Dž", "Đ"), ("Đ", "Dž"),
        ("ч", "ћ"), ("ћ", "ч"), ("џ", "ђ"), ("ђ", "џ"), ("љ", "л"), ("њ", "н"), ("х", ""),
        ("q", "ç"), ("ç", "q"), ("xh", "gj"), ("gj", "xh"),
    ];

    /// <summary><paramref name="text"/> with one transcription error; always different from the input when it has a letter.</summary>
    public static string Apply(string text, SeededRandom random)
    {
        var found = new List<(int At, string From, string To)>();
        foreach (var (from, to) in Confusions)
        {
            // Never the first letter: it is the one most often heard right.
            for (var at = text.IndexOf(from, 1, StringComparison.Ordinal); at > 0; at = text.IndexOf(from, at + 1, StringComparison.Ordinal))
            {
                found.Add((at, from, to));
            }
        }

        if (found.Count > 0)
        {
            var (at, from, to) = found[random.Next(found.Count)];
            return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
        }

        // No confusable letter: double a consonant after the first letter.
        for (var attempt = 0; attempt < 8 && text.Length > 2; attempt++)
        {
            var position = random.Next(1, text.Length);
            if (char.IsLetter(text[position]) && !"aeiouаеиоу".Contains(char.ToLowerInvariant(text[position]), StringComparison.Ordinal))
            {
                return new StringBuilder(text).Insert(position, text[position]).ToString();
            }
        }

        return text + text[^1];
    }
}
