using Aquila.Tokens.Keys;

namespace Aquila.Matching.Index;

/// <summary>A hit created or updated by one batch, with its state after the batch.</summary>
/// <param name="Kind">New or updated.</param>
/// <param name="Hit">The hit's state after the batch.</param>
/// <param name="PreviousBand">The band before the batch; null for a new hit.</param>
public readonly record struct HitChange(HitChangeKind Kind, Hit Hit, MatchBand? PreviousBand);
