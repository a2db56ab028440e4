using Aquila.Matching.Index;

namespace Aquila.Matching.Lists;

/// <summary>The entries one query hit, as logged so the contributors' notifications survive a restart.</summary>
internal sealed record QueryHitsRecord(long AtUnixMs, string Querier, string CaseReference, IReadOnlyList<QueryHitRecord> Hits);

/// <summary>One entry a query hit.</summary>
internal readonly record struct QueryHitRecord(byte Contributor, UInt128 Handle, HitId HitId, ulong KeyMask);
