using System.Diagnostics.CodeAnalysis;

namespace Aquila.Coordination.Projects;

/// <summary>
/// The outcome of <see cref="ProjectLifecycle.Apply"/>: the new project when allowed, or the very same project instance
/// and a <see cref="Violation"/> when refused.
/// </summary>
/// <param name="Project">The project after the action (unchanged when refused).</param>
/// <param name="Violation">Why the action was refused, or null when it was allowed.</param>
public sealed record ProjectTransition(MatchingProject Project, ProjectRuleViolation? Violation)
{
    /// <summary>True when the action was allowed.</summary>
    [MemberNotNullWhen(false, nameof(Violation))]
    public bool IsAllowed => Violation is null;
}
