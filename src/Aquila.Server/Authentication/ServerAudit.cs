using Aquila.Coordination.Audit;
using Aquila.Security;
using Aquila.Server.ScaleOut;

namespace Aquila.Server.Authentication;

/// <summary>
/// What the server writes into the audit chain: ids, counts, reasons; never a handle or token. On a Matcher instance the
/// events go to the coordinator's chain through the <see cref="AuditRelay"/> instead of this instance's own.
/// </summary>
internal sealed class ServerAudit(AuditChain chain, AuditRelay? relay = null)
{
    /// <summary>This instance's own chain (coordination calls, which a Matcher instance does not serve).</summary>
    public AuditChain Chain => chain;

    /// <summary>The relay to the coordinator's chain on a Matcher instance, otherwise null.</summary>
    public AuditRelay? Relay => relay;

    public ValueTask<AuditReceipt> AuthenticationFailedAsync(string method, string failure, string reason, string? remote,
        CancellationToken cancellationToken) =>
        AppendAsync(new AuditEvent(AuditKind.AuthFailed, AuditActor.Anonymous, details:
            Details(("method", method), ("failure", failure), ("reason", reason), ("remote", remote ?? "unknown"))), cancellationToken);

    public ValueTask<AuditReceipt> PermissionDeniedAsync(PartyIdentity caller, string method, string? projectId, string reason,
        CancellationToken cancellationToken) =>
        AppendAsync(new AuditEvent(AuditKind.AuthDenied, AuditActor.FromIdentity(caller), NonEmpty(projectId), details:
            Details(("method", method), ("reason", reason), ("serial", caller.SerialNumber))), cancellationToken);

    public ValueTask<AuditReceipt> BatchAcceptedAsync(PartyIdentity caller, string projectId, string batchId, long records,
        long tokens, CancellationToken cancellationToken) =>
        AppendAsync(BatchAccepted(caller, projectId, batchId, records, tokens), cancellationToken);

    public static AuditEvent BatchAccepted(PartyIdentity caller, string projectId, string batchId, long records, long tokens) =>
        new(AuditKind.BatchAccepted, AuditActor.FromIdentity(caller), projectId, batchId,
            Details(("records", Number(records)), ("tokens", Number(tokens))));

    // Batch ids and counts of what a replacing batch withdrew; never a handle or token. Long id lists are cut at the
    // chain's value limit: the count says how many there were.
    public ValueTask<AuditReceipt> DataSetReplacedAsync(PartyIdentity caller, string projectId, string batchId,
        Aquila.Matching.Projects.WithdrawnDataSet withdrawn, CancellationToken cancellationToken)
    {
        var ids = new string[withdrawn.BatchIds.Count];
        for (var i = 0; i < ids.Length; i++)
        {
            ids[i] = Convert.ToHexStringLower(withdrawn.BatchIds[i].Span);
        }

        return AppendAsync(new AuditEvent(AuditKind.DataSetReplaced, AuditActor.FromIdentity(caller), projectId, batchId,
            Details(
                ("replaced_batches", Number(ids.Length)),
                ("replaced_batch_ids", string.Join(',', ids)),
                ("replaced_records", Number(withdrawn.Records)),
                ("replaced_tokens", Number(withdrawn.Tokens)),
                ("withdrawn_hits", Number(withdrawn.Hits)))), cancellationToken);
    }

    public ValueTask<AuditReceipt> BatchRefusedAsync(PartyIdentity caller, string projectId, string batchId, string reason,
        CancellationToken cancellationToken) =>
        AppendAsync(new AuditEvent(AuditKind.BatchRefused, AuditActor.FromIdentity(caller), projectId, batchId,
            Details(("reason", reason))), cancellationToken);

    // A refused upload that may not be tied to a project yet (or names none): the ids it declared, already checked.
    public ValueTask<AuditReceipt> UploadRefusedAsync(PartyIdentity caller, string? projectId, string? batchIdHex, string reason,
        CancellationToken cancellationToken) =>
        AppendAsync(new AuditEvent(AuditKind.BatchRefused, AuditActor.FromIdentity(caller), NonEmpty(projectId), NonEmpty(batchIdHex),
            Details(("reason", reason))), cancellationToken);

    public ValueTask<AuditReceipt> HitsReleasedAsync(string projectId, string batchId, long hitEvents, CancellationToken cancellationToken) =>
        AppendAsync(new AuditEvent(AuditKind.HitsReleased, AuditActor.System, projectId, batchId,
            Details(("hit_events", Number(hitEvents)))), cancellationToken);

    /// <summary>Appends an event to this instance's chain, or relays it to the coordinator's.</summary>
    public ValueTask<AuditReceipt> AppendAsync(AuditEvent auditEvent, CancellationToken cancellationToken) =>
        relay is null ? chain.AppendAsync(auditEvent, cancellationToken) : relay.PublishAsync(auditEvent, cancellationToken);

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static string Number(long value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    // Reasons can be long; the chain keeps at most AuditEvent.MaxValueLength characters per value.
    internal static KeyValuePair<string, string>[] Details(params (string Key, string Value)[] pairs)
    {
        var details = new KeyValuePair<string, string>[pairs.Length];
        for (var i = 0; i < pairs.Length; i++)
        {
            var value = pairs[i].Value.Length > AuditEvent.MaxValueLength ? pairs[i].Value[..AuditEvent.MaxValueLength] : pairs[i].Value;
            details[i] = new(pairs[i].Key, value);
        }

        return details;
    }
}
