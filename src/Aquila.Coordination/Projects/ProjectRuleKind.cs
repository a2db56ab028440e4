namespace Aquila.Coordination.Projects;

/// <summary>Why an action was refused; a host maps it to a gRPC status code.</summary>
public enum ProjectRuleKind
{
    /// <summary>The caller's role or party may not do this at all (PermissionDenied).</summary>
    NotPermitted,

    /// <summary>The action is not possible in the project's state (FailedPrecondition).</summary>
    WrongState,

    /// <summary>The state is right but a condition is not met yet: confirmations, deadline, dates (FailedPrecondition).</summary>
    ConditionNotMet,

    /// <summary>The request itself is malformed or inconsistent (InvalidArgument).</summary>
    InvalidRequest,

    /// <summary>No project with that id (NotFound).</summary>
    NotFound,

    /// <summary>Another writer changed the project first (Aborted; reread and retry).</summary>
    Conflict,

    /// <summary>The id is taken: by another project, or by a project declared in the server's configuration (AlreadyExists).</summary>
    IdTaken,
}
