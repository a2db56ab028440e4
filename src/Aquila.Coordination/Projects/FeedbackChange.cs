using Aquila.Coordination.Audit;

namespace Aquila.Coordination.Projects;

/// <summary>Recorded feedback and the receipt of its audit entry.</summary>
/// <param name="Feedback">The verdict as stored.</param>
/// <param name="Receipt">The audit entry that records it.</param>
public sealed record FeedbackChange(HitFeedback Feedback, AuditReceipt Receipt);
