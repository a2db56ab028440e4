namespace Aquila.Matching.Index;

/// <summary>A match key as the matcher sees it: its schema id (e.g. <c>name+dob</c>) and its band.</summary>
/// <param name="Id">The key id from the project's match-key schema.</param>
/// <param name="Band">The band a hit on this key alone has.</param>
public sealed record HitKey(string Id, HitBand Band);
