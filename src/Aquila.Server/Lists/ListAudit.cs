using System.Globalization;
using Aquila.Coordination.Audit;
using Aquila.Security;
using Aquila.Security.Lists;

namespace Aquila.Server.Lists;

/// <summary>What list calls write into the audit chain: outcome, hit ids, case reference, officer id, counts — never tokens or handles.</summary>
internal sealed class ListAudit(AuditChain chain)
{
    /// <summary>
    /// An answered query with what its node signed (SignedQuery.FromAudit reads it back): with the signer's certificate
    /// an auditor verifies the signature again, so the querying party cannot deny the query.
    /// </summary>
    public ValueTask<AuditReceipt> QueryAnsweredAsync(PartyIdentity caller, SignedQuery signed, int tokens, IReadOnlyList<string> hitIds,
        IReadOnlyList<string> contributors) =>
        chain.AppendAsync(new AuditEvent(AuditKind.Query, AuditActor.FromIdentity(caller), signed.ProjectId, hitIds.Count > 0 ? hitIds[0] : null,
            Details(("outcome", hitIds.Count > 0 ? "hit" : "no-hit"), ("case_reference", signed.CaseReference), ("officer", signed.OfficerId),
                ("tokens", Number(tokens)), ("hits", Number(hitIds.Count)), ("hit_ids", string.Join(' ', hitIds)),
                ("contributors", string.Join(' ', contributors)),
                (SignedQuery.AuditSchemaKey, Convert.ToHexStringLower(signed.SchemaSha256.Span)),
                (SignedQuery.AuditTokensKey, Convert.ToHexStringLower(signed.TokenEntriesSha256.Span)),
                (SignedQuery.AuditSignedAtKey, Number(signed.SignedAtUnixMs)),
                (SignedQuery.AuditNonceKey, Convert.ToHexStringLower(signed.Nonce.Span)),
                (SignedQuery.AuditSignatureKey, Convert.ToHexStringLower(signed.Signature.Span)),
                (SignedQuery.AuditSignerKey, signed.SignerFingerprint))), CancellationToken.None);

    public ValueTask<AuditReceipt> QueryRefusedAsync(PartyIdentity caller, string projectId, string? caseReference, string? officerId,
        int tokens, string reason) =>
        chain.AppendAsync(new AuditEvent(AuditKind.Query, AuditActor.FromIdentity(caller), NonEmpty(projectId), null,
            Details(("outcome", "refused"), ("case_reference", caseReference ?? ""), ("officer", officerId ?? ""), ("tokens", Number(tokens)),
                ("reason", reason))), CancellationToken.None);

    public ValueTask<AuditReceipt> ScanningAlertAsync(PartyIdentity caller, string projectId, int similarQueries, TimeSpan window) =>
        chain.AppendAsync(new AuditEvent(AuditKind.Alert, AuditActor.FromIdentity(caller), projectId, null,
            Details(("alert", "query-scanning"), ("similar_queries", Number(similarQueries)),
                ("window_minutes", Number((long)window.TotalMinutes)))), CancellationToken.None);

    public ValueTask<AuditReceipt> EntriesChangedAsync(PartyIdentity caller, string projectId, string kind, int added, int removed,
        int entries, int duplicateEvents, int reconfirmed = 0) =>
        chain.AppendAsync(new AuditEvent(AuditKind.ProjectChanged, AuditActor.FromIdentity(caller), projectId, null,
            Details(("change", "list." + kind), ("added", Number(added)), ("reconfirmed", Number(reconfirmed)), ("removed", Number(removed)),
                ("entries", Number(entries)),
                ("duplicate_events", Number(duplicateEvents)))), CancellationToken.None);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    // Empty values are left out; the event checks the rest and orders them by key.
    private static KeyValuePair<string, string>[] Details(params ReadOnlySpan<(string Key, string Value)> pairs)
    {
        var count = 0;
        foreach (var (_, value) in pairs)
        {
            count += value.Length > 0 ? 1 : 0;
        }

        var details = new KeyValuePair<string, string>[count];
        var i = 0;
        foreach (var (key, value) in pairs)
        {
            if (value.Length > 0)
            {
                details[i++] = new(key, value.Length > AuditEvent.MaxValueLength ? value[..AuditEvent.MaxValueLength] : value);
            }
        }

        return details;
    }
}
