using System.Globalization;
using Aquila.Coordination.Audit;
using Aquila.Security;
using Aquila.Server.Authentication;

namespace Aquila.Server.Offline;

/// <summary>
/// The audit entries of the offline exchange, beside those the batch itself gets (the party's batch.accepted or
/// batch.refused, as online): which coordinator imported or exported what, and every refused import.
/// </summary>
internal sealed class OfflineAudit(ServerAudit audit)
{
    /// <summary>A coordinator imported a party's sealed batch (subject: batch id).</summary>
    public const string BatchImported = "batch.imported";

    /// <summary>A coordinator exported a party's hits as a sealed file (subject: the file's id).</summary>
    public const string HitsExported = "hits.exported";

    /// <summary>A coordinator's export of a party's hits was refused (subject: none; no file was made).</summary>
    public const string HitsExportRefused = "hits.export-refused";

    public ValueTask<AuditReceipt> ImportedAsync(PartyIdentity coordinator, string projectId, string batchIdHex, PartyIdentity signer,
        string fileSha256Hex, long bytes) =>
        audit.Chain.AppendAsync(new AuditEvent(BatchImported, AuditActor.FromIdentity(coordinator), projectId, batchIdHex, Details(
            ("party", signer.Party), ("signer_serial", signer.SerialNumber), ("coordinator_serial", coordinator.SerialNumber),
            ("file_sha256", fileSha256Hex), ("bytes", bytes.ToString(CultureInfo.InvariantCulture)))), CancellationToken.None);

    public ValueTask<AuditReceipt> ImportRefusedAsync(PartyIdentity coordinator, string? projectId, string? batchIdHex, string? party,
        string fileSha256Hex, string reason) =>
        audit.Chain.AppendAsync(new AuditEvent(AuditKind.BatchRefused, AuditActor.FromIdentity(coordinator), NonEmpty(projectId), NonEmpty(batchIdHex),
            Details(("route", "offline import"), ("party", party ?? "unknown"), ("coordinator_serial", coordinator.SerialNumber),
                ("file_sha256", fileSha256Hex), ("reason", reason))), CancellationToken.None);

    public ValueTask<AuditReceipt> HitsExportedAsync(PartyIdentity coordinator, string projectId, string fileIdHex, string party,
        int events, long afterSequence, PartyIdentity recipient) =>
        audit.Chain.AppendAsync(new AuditEvent(HitsExported, AuditActor.FromIdentity(coordinator), projectId, fileIdHex, Details(
            ("party", party), ("hit_events", events.ToString(CultureInfo.InvariantCulture)),
            ("after_sequence", afterSequence.ToString(CultureInfo.InvariantCulture)), ("recipient_serial", recipient.SerialNumber),
            ("coordinator_serial", coordinator.SerialNumber))), CancellationToken.None);

    public ValueTask<AuditReceipt> ExportRefusedAsync(PartyIdentity coordinator, string? projectId, string? party, string reason) =>
        audit.Chain.AppendAsync(new AuditEvent(HitsExportRefused, AuditActor.FromIdentity(coordinator), Bounded(NonEmpty(projectId)), null,
            Details(("party", string.IsNullOrEmpty(party) ? "unknown" : party), ("coordinator_serial", coordinator.SerialNumber),
                ("reason", reason))), CancellationToken.None);

    // A refused request's project id is what the caller sent: kept within what an audit entry takes.
    private static string? Bounded(string? projectId) =>
        projectId is { Length: > AuditEvent.MaxProjectIdLength } ? projectId[..AuditEvent.MaxProjectIdLength] : projectId;

    private static string? NonEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static KeyValuePair<string, string>[] Details(params (string Key, string Value)[] pairs)
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
