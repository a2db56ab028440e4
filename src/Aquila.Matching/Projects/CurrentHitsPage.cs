namespace Aquila.Matching.Projects;

/// <summary>A page of a party's current hits (<see cref="IProjectTokenStore.ReadCurrentHitsAsync"/>).</summary>
/// <param name="Events">The entries read, oldest first; sequences may have gaps where withdrawn entries were skipped.</param>
/// <param name="ScannedThrough">The sequence up to which the stream was read, skipped entries included: the next cursor.</param>
public sealed record CurrentHitsPage(IReadOnlyList<PartyHitEvent> Events, long ScannedThrough);
