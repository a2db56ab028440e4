using Aquila.Coordination.Audit;

namespace Aquila.Coordination.Projects;

/// <summary>A committed project change and the receipt of its audit entry (the head a node may store).</summary>
/// <param name="Project">The project after the change.</param>
/// <param name="Receipt">The audit entry that records the change.</param>
public sealed record ProjectChange(MatchingProject Project, AuditReceipt Receipt);
