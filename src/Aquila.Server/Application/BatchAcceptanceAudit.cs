using System.Collections.Concurrent;
using Aquila.Coordination.Audit;
using Aquila.Security;
using Aquila.Server.Authentication;

namespace Aquila.Server.Application;

/// <summary>
/// Gives every accepted batch exactly one BatchAccepted entry in the audit chain, so the submitter's receipt, a resend
/// and a status query all carry the same audit head.
/// </summary>
/// <remarks>
/// The matcher publishes a batch's receipt as soon as the batch is durable, before its acceptance is audited. A status
/// query or resend in that window (or after a crash in it) finds no entry; without this, each such caller appended an
/// entry of its own: one acceptance audited several times, and one batch with several audit heads. Callers for the
/// same batch now share one find-or-append; once it completes the entry is committed, so later callers find it.
/// </remarks>
internal sealed class BatchAcceptanceAudit(ServerAudit audit)
{
    private readonly ConcurrentDictionary<string, Lazy<Task<AuditHead>>> _inFlight = new(StringComparer.Ordinal);

    /// <summary>
    /// The head of the entry that audits the batch's acceptance, appending that entry if there is none yet. On a Matcher
    /// instance the coordinator does this (and, for <paramref name="firstAcceptance"/>, counts the submission).
    /// </summary>
    public async Task<AuditHead> EntryAsync(PartyIdentity caller, string projectId, string batchIdHex, long records, long tokens,
        bool firstAcceptance = false)
    {
        if (audit.Relay is { } relay && firstAcceptance)
        {
            // Not shared with a status query of the same batch: only this call may ask the coordinator to count it.
            return await relay.BatchAcceptedAsync(ServerAudit.BatchAccepted(caller, projectId, batchIdHex, records, tokens), true,
                CancellationToken.None);
        }

        var mine = new Lazy<Task<AuditHead>>(() => audit.Relay is { } shared
            ? shared.BatchAcceptedAsync(ServerAudit.BatchAccepted(caller, projectId, batchIdHex, records, tokens), false, CancellationToken.None)
            : FindOrAppendAsync(caller, projectId, batchIdHex, records, tokens));
        var shared = _inFlight.GetOrAdd(batchIdHex, mine);
        try
        {
            return await shared.Value;
        }
        finally
        {
            // Committed (or failed, so the next caller tries again): from now on the chain answers.
            _inFlight.TryRemove(new KeyValuePair<string, Lazy<Task<AuditHead>>>(batchIdHex, shared));
        }
    }

    private async Task<AuditHead> FindOrAppendAsync(PartyIdentity caller, string projectId, string batchIdHex, long records, long tokens)
    {
        var entry = await audit.Chain.FindAsync(AuditKind.BatchAccepted, batchIdHex, CancellationToken.None);
        if (entry is not null)
        {
            return entry.Head;
        }

        var appended = await audit.BatchAcceptedAsync(caller, projectId, batchIdHex, records, tokens, CancellationToken.None);
        return appended.Head;
    }
}
