using Aquila.Matching.Index;

namespace Aquila.Matching.Lists;

/// <summary>
/// The entries one query hit, as logged so the contributors' notifications survive a restart. <paramref name="Evidence"/>
/// is the query as its node signed it (opaque here; empty in records written before 2026-12-07).
/// </summary>
internal sealed record QueryHitsRecord(long AtUnixMs, string Querier, string CaseReference, IReadOnlyList<QueryHitRecord> Hits,
    ReadOnlyMemory<byte> Evidence = default);

/// <summary>One entry a query hit.</summary>
internal readonly record struct QueryHitRecord(byte Contributor, UInt128 Handle, HitId HitId, ulong KeyMask);
