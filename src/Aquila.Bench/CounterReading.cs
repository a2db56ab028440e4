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

    /// <summary>The key of a histogram bucket's sum over label sets: <c>Bucket("x_bucket", "0.002")</c> is the count at or below 2 ms.</summary>
    public static string Bucket(string metric, string bound) => metric + "{le=\"" + bound + "\"}";

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
            if (line[nameEnd] == '{' && Bound(line[nameEnd..]) is { } bound)
            {
                var bucket = Bucket(name, bound);
                sums[bucket] = sums.GetValueOrDefault(bucket) + number;
            }
        }

        return new CounterReading(sums);
    }

    // The value of a bucket's le label (as written, e.g. "0.002"), or null when the labels have none.
    private static string? Bound(ReadOnlySpan<char> labels)
    {
        var at = labels.IndexOf("le=\"".AsSpan());
        if (at < 0 || (at > 0 && labels[at - 1] is not ('{' or ',' or ' ')))
        {
            return null;
        }

        var value = labels[(at + 4)..];
        var end = value.IndexOf('"');
        return end < 0 ? null : value[..end].ToString();
    }
}
