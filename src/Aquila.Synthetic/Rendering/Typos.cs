using System.Text;

namespace Aquila.Synthetic.Rendering;

/// <summary>Typing errors: a letter inserted, deleted, substituted, or two neighbours transposed.</summary>
internal static class Typos
{
    private const string Latin = "aeioubcdfghjklmnprstvz";
    private const string Cyrillic = "аеиоубвгдђжзјклмнпрстћцчш";

    /// <summary><paramref name="text"/> with one typing error; always different from the input when it has two letters.</summary>
    public static string Apply(string text, SeededRandom random)
    {
        var letters = 0;
        foreach (var c in text)
        {
            if (char.IsLetter(c))
            {
                letters++;
            }
        }

        if (letters < 2)
        {
            return text + (IsCyrillic(text) ? "а" : "a");
        }

        for (var attempt = 0; attempt < 8; attempt++)
        {
            var result = ApplyOnce(text, random);
            if (!string.Equals(result, text, StringComparison.Ordinal))
            {
                return result;
            }
        }

        // Only repeated letters everywhere (e.g. "Aa"): deletion always changes the text.
        return text[1..];
    }

    private static string ApplyOnce(string text, SeededRandom random)
    {
        // Never touch the first letter: typists rarely get it wrong, and the edit stays within the name.
        var position = random.Next(1, text.Length);
        var c = text[position];
        if (!char.IsLetter(c))
        {
            return text;
        }

        var sb = new StringBuilder(text);
        switch (random.Next(4))
        {
            case 0:
                sb.Insert(position, Letter(text, c, random));
                break;
            case 1 when text.Length > 3:
                sb.Remove(position, 1);
                break;
            case 2:
                sb[position] = Letter(text, c, random);
                break;
            default:
                if (position + 1 >= text.Length || !char.IsLetter(text[position + 1]))
                {
                    return text;
                }

                (sb[position], sb[position + 1]) = (text[position + 1], c);
                break;
        }

        return sb.ToString();
    }

    /// <summary>A letter of the same script and case as <paramref name="near"/>.</summary>
    private static char Letter(string text, char near, SeededRandom random)
    {
        var alphabet = IsCyrillic(text) ? Cyrillic : Latin;
        var letter = alphabet[random.Next(alphabet.Length)];
        return char.IsUpper(near) ? char.ToUpperInvariant(letter) : letter;
    }

    private static bool IsCyrillic(string text)
    {
        foreach (var c in text)
        {
            if (c is >= '\u0400' and <= '\u04FF')
            {
                return true;
            }
        }

        return false;
    }
}
