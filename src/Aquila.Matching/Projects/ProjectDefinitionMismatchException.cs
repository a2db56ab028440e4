namespace Aquila.Matching.Projects;

/// <summary>
/// The project's log was created for another definition (roster, schema, keys or fanout differ), so replaying it would
/// not give the hits the parties were told about.
/// </summary>
public sealed class ProjectDefinitionMismatchException : InvalidOperationException
{
    /// <summary>Creates the exception naming the field that differs.</summary>
    public ProjectDefinitionMismatchException(string projectId, string field)
        : base($"The log of project {projectId} was created with a different {field}. "
            + "Open it with the definition it was created with; a changed roster or schema needs a new project.")
    {
        Field = field;
    }

    /// <summary>The definition field that differs.</summary>
    public string Field { get; }
}
