using Aquila.Coordination.Projects;
using Aquila.Matching.Index;
using Aquila.Server.Projects;

namespace Aquila.Server.Application;

/// <summary>
/// A running project's current hits as the coordination module counts them: the parties' streams read into a
/// <see cref="PairHitTally"/> (for the indicators, and to check that a party's feedback is about a hit it holds).
/// </summary>
internal static class ProjectHitCounts
{
    /// <summary>The hits per pair of parties and band.</summary>
    public static async Task<IReadOnlyList<PairHitCount>> ReadAsync(RunningProject running, CancellationToken cancellationToken) =>
        (await TallyAsync(running, running.Matcher.Definition.Parties, cancellationToken)).Counts();

    /// <summary>Whether <paramref name="party"/> holds the hit <paramref name="hitIdHex"/> now (false for a party not invited).</summary>
    public static async Task<bool> HoldsAsync(RunningProject running, string party, string hitIdHex, CancellationToken cancellationToken) =>
        running.IsInvited(party) && (await TallyAsync(running, [party], cancellationToken)).Holds(party, hitIdHex);

    private static async Task<PairHitTally> TallyAsync(RunningProject running, IEnumerable<string> parties, CancellationToken cancellationToken)
    {
        var tally = new PairHitTally();
        var id = new byte[16];
        foreach (var party in parties)
        {
            foreach (var hit in await running.Matcher.ReadHitsAsync(party, 0, int.MaxValue, cancellationToken))
            {
                hit.Hit.HitId.WriteTo(id);
                var hitId = Convert.ToHexStringLower(id);
                if (hit.Kind == HitChangeKind.Withdrawn)
                {
                    tally.Withdrawn(party, hitId);
                }
                else
                {
                    tally.Found(party, hitId, hit.Hit.OtherPartyCode, hit.Hit.Band);
                }
            }
        }

        return tally;
    }
}
