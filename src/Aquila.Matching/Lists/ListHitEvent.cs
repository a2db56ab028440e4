using Aquila.Matching.Index;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Lists;

/// <summary>One entry of a contributor's notification stream: never another party's handle or any token.</summary>
/// <param name="Sequence">1-based position in the contributor's stream; the same after a restart.</param>
/// <param name="Kind">Duplicate or query hit.</param>
/// <param name="HitId">The hit id (for a query: see <see cref="QueryHitIdentity"/>).</param>
/// <param name="OwnHandle">The contributor's own entry.</param>
/// <param name="OtherParty">The other contributor (duplicate) or the querying party (query).</param>
/// <param name="Band">The best band of the agreeing keys.</param>
/// <param name="AgreeingKeys">The agreeing key ids, sorted.</param>
/// <param name="CaseReference">For a query hit, the querying party's case reference; otherwise null.</param>
/// <param name="At">When the change or query happened.</param>
/// <param name="QueryEvidence">For a query hit, the query as its node signed it (fields, signature, certificate), so the
/// contributor can verify who asked; empty for duplicates and for query hits logged before 2026-12-07.</param>
public sealed record ListHitEvent(
    long Sequence, ListHitEventKind Kind, HitId HitId, RecordHandle OwnHandle, string OtherParty, MatchBand Band,
    IReadOnlyList<string> AgreeingKeys, string? CaseReference, DateTimeOffset At, ReadOnlyMemory<byte> QueryEvidence = default);
