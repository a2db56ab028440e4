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
/// and check every signature (<see cref="BulkCheckChain"/>). A chunk's entries are built from one template (the details
/// every person of the chunk shares, checked once) and queued as one item, in person order, behind the previous chunk's:
/// the chain's writer commits them in one transaction (one fsync), each entry with its own hash.
/// </summary>
internal sealed class BulkCheckAudit(AuditChain chain)
{
    /// <summary>Detail keys particular to bulk checks.</summary>
    public const string CallKey = BulkCheckAuditKeys.Call, PersonKey = BulkCheckAuditKeys.Person, ChunkKey = BulkCheckAuditKeys.Chunk,
        ChunkSignatureKey = BulkCheckAuditKeys.ChunkSignature, PersonsKey = BulkCheckAuditKeys.Persons,
        HeaderSignatureKey = BulkCheckAuditKeys.HeaderSignature, SignedAtKey = BulkCheckAuditKeys.SignedAt;

    // Token and hit counts are small: their text is made once.
    private static readonly string[] SmallNumbers = Enumerable.Range(0, 256).Select(n => n.ToString(CultureInfo.InvariantCulture)).ToArray();

    /// <summary>The entries of one chunk's persons, in order (not queued yet: see <see cref="AppendAsync"/>).</summary>
    /// <param name="call">The call.</param>
    /// <param name="first">The number in the call of the chunk's first person, from 1.</param>
    /// <param name="chunk">The chunk's index, from 0.</param>
    /// <param name="tokens">Each person's token count.</param>
    /// <param name="tokensSha256">The SHA-256 of each person's token entries, one after the other.</param>
    /// <param name="outcomes">Each person's answer; null where the person was refused.</param>
    /// <param name="refusals">Why each refused person was refused; null where answered.</param>
    /// <param name="chunkSignature">The chunk's signature (on the chunk's first person).</param>
    public static AuditEvent[] ChunkEvents(BulkCheckCall call, int first, int chunk, ReadOnlySpan<int> tokens, ReadOnlySpan<byte> tokensSha256,
        ReadOnlySpan<ListQueryOutcome?> outcomes, ReadOnlySpan<string?> refusals, ReadOnlySpan<byte> chunkSignature)
    {
        ArgumentNullException.ThrowIfNull(call);
        var template = new AuditEventTemplate(AuditKind.Query, call.Actor, call.ProjectId,
        [
            new("case_reference", call.CaseReference),
            new("officer", call.OfficerId),
            new(CallKey, call.CallId),
            new(ChunkKey, Number(chunk)),
        ]);
        var events = new AuditEvent[outcomes.Length];
        var details = new KeyValuePair<string, string>[AuditEvent.MaxDetails - template.CommonCount];
        for (var i = 0; i < events.Length; i++)
        {
            var person = first + i;
            var outcome = outcomes[i];
            var n = 0;
            details[n++] = new("outcome", outcome is null ? "refused" : outcome.IsHit ? "hit" : "no-hit");
            details[n++] = new("tokens", Number(tokens[i]));
            details[n++] = new(PersonKey, Number(person));
            details[n++] = new(SignedQuery.AuditTokensKey,
                Convert.ToHexStringLower(tokensSha256.Slice(i * BulkCheckChain.DigestSize, BulkCheckChain.DigestSize)));
            string? subject = null;
            if (outcome is not null)
            {
                details[n++] = new("hits", Number(outcome.Hits.Count));
                if (outcome.IsHit)
                {
                    subject = outcome.Hits[0].HitId.ToString();
                    details[n++] = new("hit_ids", Bounded(outcome.Hits.Count == 1 ? subject : HitIds(outcome)));
                    details[n++] = new("contributors", Bounded(outcome.Hits.Count == 1 ? outcome.Hits[0].Contributor : Contributors(outcome)));
                }
            }
            else
            {
                details[n++] = new("reason", Bounded(refusals[i] ?? "refused"));
            }

            if (person == 1)
            {
                details[n++] = new(PersonsKey, Number(call.Persons));
                details[n++] = new(SignedQuery.AuditSchemaKey, call.SchemaSha256Hex);
                details[n++] = new(SignedAtKey, Number(call.SignedAtUnixMs));
                details[n++] = new(HeaderSignatureKey, call.SignatureHex);
                details[n++] = new(SignedQuery.AuditSignerKey, call.SignerSha256);
            }

            if (i == 0 && !chunkSignature.IsEmpty)
            {
                details[n++] = new(ChunkSignatureKey, Convert.ToHexStringLower(chunkSignature));
            }

            events[i] = template.Create(subject, details.AsSpan(0, n));
        }

        return events;
    }

    /// <summary>
    /// Queues a chunk's entries as one item of the call's <paramref name="series"/> and returns their receipts, in order, once
    /// they are committed; fails unwritten once an earlier chunk of the series failed.
    /// </summary>
    public ValueTask<IReadOnlyList<AuditReceipt>> AppendAsync(AuditEvent[] events, AuditSeries series) =>
        chain.AppendManyAsync(events, series, CancellationToken.None);

    private static string HitIds(ListQueryOutcome outcome)
    {
        var ids = new string[outcome.Hits.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = outcome.Hits[i].HitId.ToString();
        }

        return string.Join(' ', ids);
    }

    private static string Contributors(ListQueryOutcome outcome)
    {
        var contributors = new string[outcome.Hits.Count];
        for (var i = 0; i < contributors.Length; i++)
        {
            contributors[i] = outcome.Hits[i].Contributor;
        }

        return string.Join(' ', contributors);
    }

    private static string Number(long value) =>
        value is >= 0 and < 256 ? SmallNumbers[value] : value.ToString(CultureInfo.InvariantCulture);

    private static string Bounded(string value) => value.Length > AuditEvent.MaxValueLength ? value[..AuditEvent.MaxValueLength] : value;
}
