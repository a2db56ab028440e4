namespace Aquila.Coordination.Projects;

/// <summary>A refused project action: what kind of refusal and a message that names state, role and what is allowed instead.</summary>
/// <param name="Kind">Why it was refused.</param>
/// <param name="Message">For the caller; holds party codes, states, roles and counts only.</param>
public sealed record ProjectRuleViolation(ProjectRuleKind Kind, string Message)
{
    /// <inheritdoc/>
    public override string ToString() => Message;
}
