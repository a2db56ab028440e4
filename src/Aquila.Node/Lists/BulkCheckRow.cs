namespace Aquila.Node.Lists;

/// <summary>The result of one input row of a bulk check, joined to the row's own record id on the node.</summary>
/// <param name="RecordId">The input's record id (never sent to the server).</param>
/// <param name="Outcome">Hit, no-hit, refused, rejected or not sent.</param>
/// <param name="Hits">Strongest first; empty unless <see cref="BulkCheckOutcome.Hit"/>.</param>
/// <param name="Reason">Why the row was refused, rejected or not sent; null otherwise.</param>
/// <param name="AuditSequence">The person's own audit entry on the server; null when nothing was asked.</param>
public sealed record BulkCheckRow(string RecordId, BulkCheckOutcome Outcome, IReadOnlyList<ListQueryHit> Hits, string? Reason, long? AuditSequence);
