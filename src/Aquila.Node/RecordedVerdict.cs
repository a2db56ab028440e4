namespace Aquila.Node;

/// <summary>The server's acknowledgement of an analyst's verdict: the audit entry that recorded it.</summary>
/// <param name="AuditSequence">The audit entry's sequence.</param>
/// <param name="AuditHash">The audit chain's head hash at that entry, 64 lower-case hex digits.</param>
public sealed record RecordedVerdict(long AuditSequence, string AuditHash);
