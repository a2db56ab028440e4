using System.Globalization;

namespace Aquila.Bench.Soak;

/// <summary>Durations as people type them: <c>90s</c>, <c>20m</c>, <c>1h</c>, <c>1h30m</c>, <c>500ms</c>, or <c>hh:mm:ss</c>.</summary>
public static class SoakDuration
{
    /// <summary>Parses <paramref name="text"/>; false (and zero) when it is not a positive duration.</summary>
    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        text = text.Trim();
        if (text.Contains(':', StringComparison.Ordinal))
        {
            return TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out duration) && duration > TimeSpan.Zero;
        }

        var total = TimeSpan.Zero;
        var i = 0;
        while (i < text.Length)
        {
            var start = i;
            while (i < text.Length && (char.IsAsciiDigit(text[i]) || text[i] == '.'))
            {
                i++;
            }

            if (i == start || !double.TryParse(text.AsSpan(start, i - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture,
                    out var amount))
            {
                return false;
            }

            var unitStart = i;
            while (i < text.Length && char.IsAsciiLetter(text[i]))
            {
                i++;
            }

            var unit = text.AsSpan(unitStart, i - unitStart);
            double seconds;
            if (unit.Equals("ms", StringComparison.OrdinalIgnoreCase))
            {
                seconds = amount / 1000;
            }
            else if (unit.Equals("s", StringComparison.OrdinalIgnoreCase))
            {
                seconds = amount;
            }
            else if (unit.Equals("m", StringComparison.OrdinalIgnoreCase) || unit.Equals("min", StringComparison.OrdinalIgnoreCase))
            {
                seconds = amount * 60;
            }
            else if (unit.Equals("h", StringComparison.OrdinalIgnoreCase))
            {
                seconds = amount * 3600;
            }
            else
            {
                return false;
            }

            total += TimeSpan.FromSeconds(seconds);
        }

        duration = total;
        return total > TimeSpan.Zero;
    }
}
