using System.Globalization;
using Aquila.Node;
using Aquila.Protocol.V1;

namespace Aquila.Server.Tests.Crash;

/// <summary>Reads a party's whole hit stream and checks and summarises it.</summary>
public static class HitStream
{
    /// <summary>Every hit event of the caller's party, from sequence 0.</summary>
    public static async Task<List<HitEvent>> ReadAllAsync(Protocol.V1.Matching.MatchingClient client, string projectId,
        CancellationToken cancellationToken)
    {
        var hits = new List<HitEvent>();
        await foreach (var hit in new HitReader(client).ReadAsync(projectId, 0, follow: false, cancellationToken))
        {
            hits.Add(hit);
        }

        return hits;
    }

    /// <summary>
    /// What is wrong with a stream read from sequence 0: a sequence that is not the one before plus one, a hit id that
    /// is NEW twice, an UPDATED event for a hit that was never NEW. Empty when it is sound.
    /// </summary>
    public static List<string> Problems(IReadOnlyList<HitEvent> events)
    {
        var problems = new List<string>();
        var known = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            var id = Convert.ToHexStringLower(e.HitId.Span);
            if (e.Sequence != i + 1)
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"event {i} has sequence {e.Sequence}, expected {i + 1}"));
            }

            if (e.Kind == HitEventKind.New && !known.Add(id))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture, $"hit {id} is NEW again at sequence {e.Sequence}"));
            }
            else if (e.Kind == HitEventKind.Updated && !known.Contains(id))
            {
                problems.Add(string.Create(CultureInfo.InvariantCulture,
                    $"hit {id} is UPDATED at sequence {e.Sequence} before it was NEW"));
            }
        }

        return problems;
    }

    /// <summary>
    /// Each hit's latest state as one sortable line: hit id, own handle, other party, band, agreeing keys (sorted).
    /// Equal between two runs whatever order the batches arrived in.
    /// </summary>
    public static SortedSet<string> FinalHits(IReadOnlyList<HitEvent> events)
    {
        var latest = new Dictionary<string, HitEvent>(StringComparer.Ordinal);
        foreach (var e in events)
        {
            latest[Convert.ToHexStringLower(e.HitId.Span)] = e;
        }

        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (id, e) in latest)
        {
            var keys = e.AgreeingKeys.ToArray();
            Array.Sort(keys, StringComparer.Ordinal);
            lines.Add($"{id} {Convert.ToHexStringLower(e.OwnHandle.Span)} {e.OtherParty} {e.Band} {string.Join('+', keys)}");
        }

        return lines;
    }
}
