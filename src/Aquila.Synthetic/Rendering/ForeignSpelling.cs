using System.Text;

namespace Aquila.Synthetic.Rendering;

/// <summary>
/// English-style spellings of foreign (Arabic) names brought into Gaj's Latin letters, the way a Cyrillic-writing
/// service transcribes them by sound (Mohammed → Mohamed → Мохамед, Youssef → Jusef).
/// </summary>
internal static class ForeignSpelling
{
    public static string ToGajLatin(string text)
    {
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var lower = char.ToLowerInvariant(c);
            var upper = c != lower;
            var next = i + 1 < text.Length ? char.ToLowerInvariant(text[i + 1]) : '\0';
            string? replacement = (lower, next) switch
            {
                ('k', 'h') => "h",
                ('s', 'h') => "š",
                ('c', 'h') => "č",
                ('o', 'u') => "u",
                ('e', 'e') => "i",
                ('o', 'o') => "u",
                _ when lower == next && char.IsLetter(c) => lower.ToString(),
                _ => null,
            };
            if (replacement is not null)
            {
                sb.Append(upper ? char.ToUpperInvariant(replacement[0]) : replacement[0]);
                i++;
                continue;
            }

            var single = lower switch
            {
                'y' => 'j',
                'w' => 'v',
                'q' => 'k',
                _ => lower,
            };
            sb.Append(upper ? char.ToUpperInvariant(single) : single);
        }

        return sb.ToString();
    }
}
