using Aquila.Security;

namespace Aquila.Coordination.Projects;

// A list project reuses the one-time lifecycle with two differences: it has no Matching phase (queries run and
// duplicates are reported while Open), so the coordinator closes it from Open; and entries change through the list
// service, never as data-set submissions.
public static partial class ProjectLifecycle
{
    private static readonly ActionRule ListCloseRule = new([PartyRole.Coordinator], false, [ProjectState.Open]);

    // The rule that replaces the one-time rule for a list project, or null when the one-time rule applies.
    private static ActionRule? ListRuleOf(MatchingProject project, ProjectAction action) =>
        project.Kind == ProjectKind.List && action is CloseProject ? ListCloseRule : null;

    // Actions a list project does not have at all.
    private static ProjectRuleViolation? ListRefusal(MatchingProject project, ProjectAction action) =>
        project.Kind != ProjectKind.List
            ? null
            : action switch
            {
                StartMatching => new ProjectRuleViolation(ProjectRuleKind.WrongState,
                    $"Project {project.Id} is a list: it has no Matching phase (queries and duplicate reports run while it is Open); close it when it ends."),
                RecordSubmission => new ProjectRuleViolation(ProjectRuleKind.WrongState,
                    $"Project {project.Id} is a list: contributors change entries with `aquila node list add|remove|replace`, not data sets."),
                _ => null,
            };
}
