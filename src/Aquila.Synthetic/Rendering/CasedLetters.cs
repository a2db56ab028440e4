using System.Text;

namespace Aquila.Synthetic.Rendering;

/// <summary>Appends a replacement for one letter, keeping the case of the letter it replaces (Ć → Q, ć → q, Đ → Gj).</summary>
internal static class CasedLetters
{
    public static void Append(StringBuilder sb, string letters, bool upper)
    {
        if (letters.Length == 0)
        {
            return;
        }

        sb.Append(upper ? char.ToUpperInvariant(letters[0]) : letters[0]).Append(letters.AsSpan(1));
    }
}
