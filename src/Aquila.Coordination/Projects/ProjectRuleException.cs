namespace Aquila.Coordination.Projects;

/// <summary>Thrown by <see cref="ProjectStore"/> when an action is refused (after the refusal was audited).</summary>
public sealed class ProjectRuleException : Exception
{
    /// <summary>Creates the exception for <paramref name="violation"/>.</summary>
    public ProjectRuleException(ProjectRuleViolation violation)
        : base((violation ?? throw new ArgumentNullException(nameof(violation))).Message)
    {
        Violation = violation;
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking a violation.</summary>
    public ProjectRuleException()
        : this(new ProjectRuleViolation(ProjectRuleKind.InvalidRequest, "The project action was refused."))
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking a violation.</summary>
    public ProjectRuleException(string message)
        : this(new ProjectRuleViolation(ProjectRuleKind.InvalidRequest, message))
    {
    }

    /// <summary>Required by the exception pattern; prefer the constructor taking a violation.</summary>
    public ProjectRuleException(string message, Exception innerException)
        : base(message, innerException)
    {
        Violation = new ProjectRuleViolation(ProjectRuleKind.InvalidRequest, message);
    }

    /// <summary>The refusal.</summary>
    public ProjectRuleViolation Violation { get; }
}
