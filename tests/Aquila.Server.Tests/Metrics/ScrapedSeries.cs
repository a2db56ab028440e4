using System.Globalization;
using System.Text.RegularExpressions;

namespace Aquila.Server.Tests.Metrics;

/// <summary>One sample of a Prometheus text exposition: the series name, its labels and its value.</summary>
public sealed partial record ScrapedSeries(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    /// <summary>Every sample line of <paramref name="exposition"/> (comments and blank lines skipped).</summary>
    public static List<ScrapedSeries> Parse(string exposition)
    {
        var series = new List<ScrapedSeries>();
        foreach (var line in exposition.Split('\n'))
        {
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            var match = SampleLine().Match(line);
            Assert.True(match.Success, "not a sample line: " + line);
            var labels = LabelPair().Matches(match.Groups["labels"].Value)
                .ToDictionary(m => m.Groups["key"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            var value = match.Groups["value"].Value;
            series.Add(new ScrapedSeries(match.Groups["name"].Value, labels,
                value == "+Inf" ? double.PositiveInfinity : double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture)));
        }

        return series;
    }

    /// <summary>The sum of the samples named <paramref name="name"/> whose labels include every one of <paramref name="labels"/>.</summary>
    public static double Sum(IEnumerable<ScrapedSeries> series, string name, params (string Key, string Value)[] labels) =>
        series.Where(s => s.Name == name && labels.All(l => s.Labels.TryGetValue(l.Key, out var v) && v == l.Value)).Sum(s => s.Value);

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})?\s+(?<value>\S+)(\s+\d+)?$")]
    private static partial Regex SampleLine();

    [GeneratedRegex("(?<key>[a-zA-Z_][a-zA-Z0-9_]*)=\"(?<value>(?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();
}
