using System.Text.Json;

namespace Aquila.Coordination.Projects;

/// <summary>
/// A project as a JSON document (the stored form: camelCase, enum names as strings): what a coordinator writes to
/// create a project and what a caller of ShowProject reads.
/// </summary>
public static class ProjectDocument
{
    /// <summary>The project as JSON.</summary>
    public static string Write(MatchingProject project)
    {
        ArgumentNullException.ThrowIfNull(project);
        return ProjectJson.Write(project);
    }

    /// <summary>Reads a project document; a malformed one is an <see cref="ProjectRuleException"/> (InvalidRequest).</summary>
    public static MatchingProject Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize(json, ProjectJson.Default.MatchingProject)
                ?? throw Invalid("the document is empty");
        }
        catch (JsonException e)
        {
            throw Invalid($"it is not a project document ({e.Message})");
        }
    }

    private static ProjectRuleException Invalid(string problem) =>
        new(new ProjectRuleViolation(ProjectRuleKind.InvalidRequest, "The project cannot be read: " + problem + "."));
}
