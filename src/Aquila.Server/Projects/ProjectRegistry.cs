using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Server.Options;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Projects;

/// <summary>The projects this server runs, each with its schema and its durable matcher, opened at start.</summary>
internal sealed class ProjectRegistry : IAsyncDisposable
{
    private readonly Dictionary<string, RunningProject> _projects;

    private ProjectRegistry(Dictionary<string, RunningProject> projects) => _projects = projects;

    public IEnumerable<RunningProject> All => _projects.Values;

    public static async Task<ProjectRegistry> OpenAsync(ServerOptions options, ServerKeyStore keys, ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var projects = new Dictionary<string, RunningProject>(StringComparer.Ordinal);
        var serverKey = keys.ServerKey();
        try
        {
            foreach (var project in options.Projects)
            {
                if (!Tokens.Identifiers.IsValidProjectId(project.Id) || projects.ContainsKey(project.Id))
                {
                    throw new InvalidOperationException($"Project id '{project.Id}' is malformed or declared twice.");
                }

                var schema = string.IsNullOrEmpty(project.SchemaPath) ? MatchKeySchema.Default : MatchKeySchema.Load(project.SchemaPath);
                var hitKeys = new List<HitKey>(schema.Keys.Count);
                foreach (var key in schema.Keys)
                {
                    hitKeys.Add(new HitKey(key.Id, (HitBand)(byte)key.Band));
                }

                var definition = new ProjectDefinition
                {
                    ProjectId = project.Id,
                    Parties = project.Parties,
                    SchemaHash = schema.Hash,
                    Keys = hitKeys,
                    MaxFanout = project.MaxFanout,
                };
                var matcherOptions = new ProjectMatcherOptions
                {
                    Directory = Path.Combine(options.DataDirectory, "projects", project.Id, "wal"),
                    DataKey = keys.ProjectDataKey(project.Id),
                    ServerKey = serverKey,
                };
                var matcher = await ProjectMatcher.OpenAsync(definition, matcherOptions, loggers, cancellationToken);
                projects.Add(project.Id, new RunningProject(project.Id, schema, matcher));
            }
        }
        catch
        {
            foreach (var opened in projects.Values)
            {
                await opened.Matcher.DisposeAsync();
            }

            throw;
        }

        return new ProjectRegistry(projects);
    }

    public RunningProject? Find(string projectId) => _projects.GetValueOrDefault(projectId);

    public async ValueTask DisposeAsync()
    {
        foreach (var project in _projects.Values)
        {
            await project.Matcher.DisposeAsync();
        }
    }
}

/// <summary>One open project.</summary>
internal sealed record RunningProject(string Id, MatchKeySchema Schema, ProjectMatcher Matcher)
{
    public bool IsInvited(string party)
    {
        foreach (var invited in Matcher.Definition.Parties)
        {
            if (invited == party)
            {
                return true;
            }
        }

        return false;
    }
}
