using Aquila.Coordination.Projects;

namespace Aquila.Server.Application;

/// <summary>A project state as the matcher's refusals name it ("in its key ceremony", "open", …).</summary>
internal static class ProjectStateText
{
    public static string Of(ProjectState state) => state switch
    {
        ProjectState.KeyCeremony => "in its key ceremony",
        _ => state.ToString().ToLowerInvariant(),
    };
}
