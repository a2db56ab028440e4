using Aquila.Tokens.Keys;

namespace Aquila.Coordination.Projects;

/// <summary>
/// Counts a project's current hits per pair of parties and band from the parties' hit streams, for the indicators: each
/// party's stream is observed in order (a hit found again or updated keeps its latest band, a withdrawn hit is gone unless
/// found again), and each hit is counted once, from the side of the party with the lower code.
/// </summary>
public sealed class PairHitTally
{
    private readonly Dictionary<string, Dictionary<string, (string OtherParty, MatchBand Band)>> _parties = new(StringComparer.Ordinal);

    /// <summary>A hit found or updated in <paramref name="party"/>'s stream.</summary>
    public void Found(string party, string hitId, string otherParty, MatchBand band) =>
        Hits(party)[hitId] = (otherParty, band);

    /// <summary>A hit withdrawn from <paramref name="party"/>'s stream (a replaced data set).</summary>
    public void Withdrawn(string party, string hitId) => Hits(party).Remove(hitId);

    /// <summary>Whether <paramref name="party"/>'s stream holds the hit now (found, not withdrawn since).</summary>
    public bool Holds(string party, string hitId) => _parties.TryGetValue(party, out var hits) && hits.ContainsKey(hitId);

    /// <summary>The current hits per pair and band.</summary>
    public IReadOnlyList<PairHitCount> Counts()
    {
        var counts = new Dictionary<(string, string, MatchBand), long>();
        foreach (var (party, hits) in _parties)
        {
            foreach (var (otherParty, band) in hits.Values)
            {
                if (string.CompareOrdinal(party, otherParty) < 0)
                {
                    var key = (party, otherParty, band);
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        return [.. counts.Select(c => new PairHitCount(c.Key.Item1, c.Key.Item2, c.Key.Item3, c.Value))];
    }

    private Dictionary<string, (string OtherParty, MatchBand Band)> Hits(string party)
    {
        if (!_parties.TryGetValue(party, out var hits))
        {
            hits = new Dictionary<string, (string, MatchBand)>(StringComparer.Ordinal);
            _parties[party] = hits;
        }

        return hits;
    }
}
