using Aquila.Coordination.Projects;

namespace Aquila.Server.Projects;

/// <summary>The hits a purged project keeps: each current hit once (from the lower party code's side), in its latest band.</summary>
internal static class RetainedHits
{
    public static async Task<IReadOnlyList<RetainedHit>> ReadAsync(RunningProject running, CancellationToken cancellationToken)
    {
        var retained = new List<RetainedHit>();
        var id = new byte[16];
        foreach (var party in running.Matcher.Definition.Parties)
        {
            var page = await running.Matcher.ReadCurrentHitsAsync(party, 0, int.MaxValue, cancellationToken);
            foreach (var hit in page.Events)
            {
                if (string.CompareOrdinal(party, hit.Hit.OtherPartyCode) < 0)
                {
                    hit.Hit.HitId.WriteTo(id);
                    retained.Add(new RetainedHit(Convert.ToHexStringLower(id), party, hit.Hit.OtherPartyCode,
                        hit.Hit.Band));
                }
            }
        }

        // Keep the latest state of each hit (an update repeats the id).
        return [.. retained.GroupBy(h => h.HitId).Select(g => g.Last())];
    }
}
