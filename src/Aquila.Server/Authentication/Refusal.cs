using Aquila.Coordination.Audit;

namespace Aquila.Server.Authentication;

/// <summary>
/// One refused call as <see cref="RefusalDigest"/> counts it: refusals with the same source, kind and reason are the
/// same refusal repeated. Every text in it is already checked or cut (never raw request data).
/// </summary>
/// <param name="Source">Where it came from: the remote address for an unauthenticated caller, the party and serial otherwise.</param>
/// <param name="Kind">The audit kind, e.g. <see cref="AuditKind.AuthFailed"/>.</param>
/// <param name="Reason">Why it was refused; with the source and kind, what makes two refusals distinct.</param>
/// <param name="Actor">Who the audit entry names.</param>
/// <param name="Details">The audit entry's details (without the count, which the digest adds).</param>
/// <param name="Summary">A short description for the summary log line (no ids of persons, no tokens).</param>
internal sealed record Refusal(
    string Source,
    string Kind,
    string Reason,
    AuditActor Actor,
    IReadOnlyList<KeyValuePair<string, string>> Details,
    string Summary)
{
    /// <summary>What makes refusals distinct.</summary>
    public string Key => Source + "\n" + Kind + "\n" + Reason;
}
