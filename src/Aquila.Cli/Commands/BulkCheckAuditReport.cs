namespace Aquila.Cli.Commands;

/// <summary>
/// What <c>aquila audit verify-bulk</c> found about one bulk check's audit entries: the call, who signed it for which case
/// and officer, how many persons the header declared and how many were audited (and refused), how many chunk signatures
/// held, how many call-level refusals followed; <c>Problem</c> is null when the header and every chunk signature hold.
/// </summary>
internal sealed record BulkCheckAuditReport(
    string CallId,
    string? ProjectId,
    string? Party,
    string? CaseReference,
    string? OfficerId,
    int DeclaredPersons,
    int AuditedPersons,
    int RefusedPersons,
    int Chunks,
    int CallRefusals,
    string? Problem);
