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
            var project = JsonSerializer.Deserialize(json, ProjectJson.Default.MatchingProject)
                ?? throw Invalid("the document is empty");
            return WithEmptyLists(project);
        }
        catch (JsonException e)
        {
            throw Invalid($"it is not a project document ({e.Message})");
        }
    }

    /// <summary>
    /// A new project from a coordinator's document: only what the coordinator describes, in Draft, with no
    /// lifecycle history (confirmations, submissions, attestations and dates come from the lifecycle, not a file).
    /// </summary>
    public static MatchingProject ParseNew(string json) => Parse(json) with
    {
        State = ProjectState.Draft,
        CeremonyRound = 0,
        Confirmations = [],
        Submissions = [],
        PurgeAttestations = [],
        MatchingStartedAt = null,
        ClosedAt = null,
        PurgedAt = null,
        Version = 0,
    };

    // A list left out of a document is empty, not missing.
    private static MatchingProject WithEmptyLists(MatchingProject project) => project with
    {
        Parties = project.Parties.IsDefault ? [] : project.Parties,
        AllowedCategories = project.AllowedCategories.IsDefault ? [] : project.AllowedCategories,
        Confirmations = project.Confirmations.IsDefault ? [] : project.Confirmations,
        Submissions = project.Submissions.IsDefault ? [] : project.Submissions,
        PurgeAttestations = project.PurgeAttestations.IsDefault ? [] : project.PurgeAttestations,
        ActionPlan = project.ActionPlan is null ? project.ActionPlan! : project.ActionPlan with
        {
            Partners = project.ActionPlan.Partners.IsDefault ? [] : project.ActionPlan.Partners,
            Observers = project.ActionPlan.Observers.IsDefault ? [] : project.ActionPlan.Observers,
        },
    };

    private static ProjectRuleException Invalid(string problem) =>
        new(new ProjectRuleViolation(ProjectRuleKind.InvalidRequest, "The project cannot be read: " + problem + "."));
}
