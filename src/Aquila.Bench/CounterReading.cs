using System.Globalization;

namespace Aquila.Bench;

/// <summary>
/// One reading of a server's Prometheus scrape text: each metric's value summed over its label sets (all generations of
/// <c>dotnet_gc_collections_total</c>, all projects of <c>aquila_audit_commits_total</c>). Comments, NaN and infinite
/// values are skipped.
/// </summary>
internal sealed class CounterReading
{
    private readonly Dictionary<string, double> _sums;

    private CounterReading(Dictionary<string, double> sums) => _sums = sums;

    /// <summary>The sum of every series of <paramref name="metric"/>, or null when the text has none.</summary>
    public double? this[string metric] => _sums.TryGetValue(metric, out var sum) ? sum : null;

    /// <summary>Reads Prometheus text exposition format (version 0.0.4 or OpenMetrics text).</summary>
    public static CounterReading Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sums = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var raw in text.AsSpan().EnumerateLines())
        {
            var line = raw.Trim();
            if (line.IsEmpty || line[0] == '#')
            {
                continue;
            }

            var nameEnd = line.IndexOfAny('{', ' ');
            if (nameEnd <= 0)
            {
                continue;
            }

            // The value follows the labels (which may hold spaces inside quotes) or the name; a timestamp may follow it.
            var rest = line[nameEnd] == '{' ? line[(line.LastIndexOf('}') + 1)..].TrimStart() : line[nameEnd..].TrimStart();
            var valueEnd = rest.IndexOf(' ');
            var value = valueEnd < 0 ? rest : rest[..valueEnd];
            if (!double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
            {
                continue;
            }

            var name = line[..nameEnd].ToString();
            sums[name] = sums.GetValueOrDefault(name) + number;
        }

        return new CounterReading(sums);
    }
}
