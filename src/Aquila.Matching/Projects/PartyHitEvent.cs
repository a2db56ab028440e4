using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

/// <summary>One entry of a party's hit stream.</summary>
/// <param name="Sequence">The entry's position in the party's stream, from 1; stable across restarts (a watch cursor).</param>
/// <param name="Kind">Whether the hit is new, an existing hit gained agreeing keys (replace, never merge), or the hit was
/// withdrawn because a party replaced its data set.</param>
/// <param name="Hit">What the party may see of the hit after the change.</param>
public sealed record PartyHitEvent(long Sequence, HitChangeKind Kind, PartyHitView Hit);
