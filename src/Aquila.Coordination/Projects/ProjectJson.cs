using System.Text.Json;
using System.Text.Json.Serialization;

namespace Aquila.Coordination.Projects;

// The stored form of a project: camelCase JSON with enum names as strings, readable with the sqlite3 shell.
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    UseStringEnumConverter = true,
    RespectRequiredConstructorParameters = true)]
[JsonSerializable(typeof(MatchingProject))]
[JsonSerializable(typeof(ProjectIndicators))]
internal sealed partial class ProjectJson : JsonSerializerContext
{
    public static string Write(MatchingProject project) => JsonSerializer.Serialize(project, Default.MatchingProject);

    public static MatchingProject Read(string json, string projectId)
    {
        try
        {
            return JsonSerializer.Deserialize(json, Default.MatchingProject)
                ?? throw new ProjectStoreException($"The stored document of project {projectId} is empty.");
        }
        catch (JsonException ex)
        {
            throw new ProjectStoreException($"The stored document of project {projectId} cannot be read: {ex.Message}", ex);
        }
    }
}
