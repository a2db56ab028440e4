using Aquila.Coordination.Audit;
using Aquila.Security;

namespace Aquila.Server.Lists;

/// <summary>
/// One bulk check as its header was verified: who asked, for which case and officer, and what the node signed. Every
/// person's audit entry names the call by <see cref="CallId"/> (the header's nonce in hex).
/// </summary>
internal sealed record BulkCheckCall(
    PartyIdentity Caller,
    string ProjectId,
    string CaseReference,
    string OfficerId,
    int Persons,
    string SchemaSha256Hex,
    long SignedAtUnixMs,
    string CallId,
    string SignatureHex,
    string SignerSha256)
{
    /// <summary>The caller as its audit entries name it.</summary>
    public AuditActor Actor { get; } = AuditActor.FromIdentity(Caller);
}
