namespace Aquila.Cli.Evaluation;

/// <summary>
/// Misses or false hits counted by cause: a pair counts once under every variation either of its records got (so
/// the counts add up to more than the pairs), under "no_variation" when neither got one, and under the extra causes
/// the caller adds (e.g. "not_matchable").
/// </summary>
internal sealed class CauseCounts
{
    /// <summary>The cause of a pair whose records got no logged variation.</summary>
    public const string NoVariation = "no_variation";

    private readonly Dictionary<string, long> _counts = new(StringComparer.Ordinal);
    private readonly HashSet<string> _scratch = new(StringComparer.Ordinal);

    /// <summary>Number of pairs counted.</summary>
    public long Pairs { get; private set; }

    /// <summary>Counts one pair.</summary>
    public void Add(EvaluationTruth truth, RecordRef a, RecordRef b, string? extraCause = null)
    {
        Pairs++;
        _scratch.Clear();
        _scratch.UnionWith(truth.VariationsOf(a));
        _scratch.UnionWith(truth.VariationsOf(b));
        if (_scratch.Count == 0)
        {
            _scratch.Add(NoVariation);
        }

        if (extraCause is not null)
        {
            _scratch.Add(extraCause);
        }

        foreach (var cause in _scratch)
        {
            _counts[cause] = _counts.GetValueOrDefault(cause) + 1;
        }
    }

    /// <summary>The pairs counted under <paramref name="cause"/>.</summary>
    public long this[string cause] => _counts.GetValueOrDefault(cause);

    /// <summary>Causes by count, largest first (ties by name).</summary>
    public IReadOnlyList<KeyValuePair<string, long>> Ranked() =>
        [.. _counts.OrderByDescending(kv => kv.Value).ThenBy(kv => kv.Key, StringComparer.Ordinal)];
}
