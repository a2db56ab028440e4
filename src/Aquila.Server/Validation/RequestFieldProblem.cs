namespace Aquila.Server.Validation;

/// <summary>Why a request field was refused.</summary>
/// <param name="Field">The field's path, e.g. <c>start.project_id</c> (a name from the protocol, never data).</param>
/// <param name="Problem">What is wrong, for the caller, the log and the audit entry.</param>
/// <param name="Preview">The value, cut and with every character outside printable ASCII replaced: safe to audit.</param>
internal sealed record RequestFieldProblem(string Field, string Problem, string Preview);
