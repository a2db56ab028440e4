using System.Globalization;
using Aquila.Coordination.Audit;
using Aquila.Matching.Lists;
using Aquila.Security.Lists;

namespace Aquila.Server.Lists;

/// <summary>
/// The audit entries of a bulk check: one <c>query</c> entry per person (outcome, case reference, officer, token count,
/// hits or refusal reason, the call id, the person's number and chunk, the SHA-256 of its tokens — never a token). The
/// first person's entry also holds the signed header (signing time, person count, signature, signer fingerprint) and
/// the first entry of each chunk the chunk's signature, so an auditor can recompute the chain over the persons' digests
/// and check every signature (<see cref="BulkCheckChain"/>). Entries are queued in person order and committed in groups
/// by the chain's writer: a chunk costs one or two fsyncs, not one per person.
/// </summary>
internal sealed class BulkCheckAudit(AuditChain chain)
{
    /// <summary>Detail keys particular to bulk checks.</summary>
    public const string CallKey = BulkCheckAuditKeys.Call, PersonKey = BulkCheckAuditKeys.Person, ChunkKey = BulkCheckAuditKeys.Chunk,
        ChunkSignatureKey = BulkCheckAuditKeys.ChunkSignature, PersonsKey = BulkCheckAuditKeys.Persons,
        HeaderSignatureKey = BulkCheckAuditKeys.HeaderSignature, SignedAtKey = BulkCheckAuditKeys.SignedAt;

    /// <summary>Queues the entry of one person (1-based <paramref name="person"/>) of chunk <paramref name="chunk"/>.</summary>
    /// <param name="call">The call.</param>
    /// <param name="person">The person's number in the call, from 1.</param>
    /// <param name="chunk">The chunk's index, from 0.</param>
    /// <param name="tokens">The person's token count.</param>
    /// <param name="tokensSha256">The SHA-256 of the person's token entries.</param>
    /// <param name="outcome">The answer; null when the person was refused.</param>
    /// <param name="refusal">Why the person was refused; null when answered.</param>
    /// <param name="chunkSignature">The chunk's signature, on the chunk's first person; empty otherwise.</param>
    public ValueTask<AuditReceipt> PersonAsync(BulkCheckCall call, int person, int chunk, int tokens, ReadOnlySpan<byte> tokensSha256,
        ListQueryOutcome? outcome, string? refusal, ReadOnlySpan<byte> chunkSignature)
    {
        ArgumentNullException.ThrowIfNull(call);
        var details = new List<KeyValuePair<string, string>>(18)
        {
            new("outcome", outcome is null ? "refused" : outcome.IsHit ? "hit" : "no-hit"),
            new("case_reference", call.CaseReference),
            new("officer", call.OfficerId),
            new("tokens", Number(tokens)),
            new(CallKey, call.CallId),
            new(PersonKey, Number(person)),
            new(ChunkKey, Number(chunk)),
            new(SignedQuery.AuditTokensKey, Convert.ToHexStringLower(tokensSha256)),
        };
        string? subject = null;
        if (outcome is not null)
        {
            details.Add(new("hits", Number(outcome.Hits.Count)));
            if (outcome.IsHit)
            {
                subject = outcome.Hits[0].HitId.ToString();
                details.Add(new("hit_ids", Bounded(string.Join(' ', outcome.Hits.Select(h => h.HitId.ToString())))));
                details.Add(new("contributors", Bounded(string.Join(' ', outcome.Hits.Select(h => h.Contributor)))));
            }
        }
        else
        {
            details.Add(new("reason", Bounded(refusal ?? "refused")));
        }

        if (person == 1)
        {
            details.Add(new(PersonsKey, Number(call.Persons)));
            details.Add(new(SignedQuery.AuditSchemaKey, call.SchemaSha256Hex));
            details.Add(new(SignedAtKey, Number(call.SignedAtUnixMs)));
            details.Add(new(HeaderSignatureKey, call.SignatureHex));
            details.Add(new(SignedQuery.AuditSignerKey, call.SignerSha256));
        }

        if (!chunkSignature.IsEmpty)
        {
            details.Add(new(ChunkSignatureKey, Convert.ToHexStringLower(chunkSignature)));
        }

        return chain.AppendAsync(new AuditEvent(AuditKind.Query, AuditActor.FromIdentity(call.Caller), call.ProjectId, subject, details),
            CancellationToken.None);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Bounded(string value) => value.Length > AuditEvent.MaxValueLength ? value[..AuditEvent.MaxValueLength] : value;
}
