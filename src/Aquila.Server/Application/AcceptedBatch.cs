using Aquila.Coordination.Audit;
using Aquila.Matching.Projects;

namespace Aquila.Server.Application;

/// <summary>A batch the matcher holds: its receipt, whether it had been accepted before this call, and its acceptance's audit entry.</summary>
internal sealed record AcceptedBatch(BatchReceipt Receipt, bool AlreadyAccepted, AuditHead AuditHead);
