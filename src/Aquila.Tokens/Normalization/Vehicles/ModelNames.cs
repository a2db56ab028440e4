using System.Text;

namespace Aquila.Tokens.Normalization.Vehicles;

/// <summary>
/// A vehicle model for comparison: its letters folded like a name (<see cref="NameNormalizer.Canonical"/>: any script, no
/// diacritics), its digits kept, separators dropped (Golf, ГОЛФ → GOLF; A6 → A6; "C 220", c-220 → C220). The name fold
/// alone drops digits, and the digits are what tell an A3 from an A6 or a 320d from a 520d.
/// </summary>
public static class ModelNames
{
    /// <summary>The comparison form of <paramref name="raw"/>; empty when blank.</summary>
    public static string Canonical(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return string.Empty;
        }

        var result = new StringBuilder(raw.Length);
        var start = 0;
        while (start < raw.Length)
        {
            var digits = char.IsAsciiDigit(raw[start]);
            var end = start + 1;
            while (end < raw.Length && char.IsAsciiDigit(raw[end]) == digits)
            {
                end++;
            }

            var run = raw[start..end];
            result.Append(digits ? run : NameNormalizer.Canonical(run).Replace(" ", "", StringComparison.Ordinal));
            start = end;
        }

        return result.ToString();
    }
}
