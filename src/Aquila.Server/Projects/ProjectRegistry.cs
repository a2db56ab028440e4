using System.Collections.Concurrent;
using Aquila.Coordination.Projects;
using Aquila.Matching.Projects;
using Aquila.Server.Options;
using Aquila.Server.ScaleOut;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Projects;

/// <summary>
/// The projects this server runs, each with its schema and its token store. Two kinds: projects declared in the
/// configuration (dry runs and simulations: no lifecycle, hits released as found), opened at start; and
/// coordinated projects from the <see cref="ProjectStore"/>, whose store is opened once the project is Open and
/// whose lifecycle decides what the store may do. The stores come from the <see cref="TokenStoreFactory"/>; purging a
/// project's state is the <see cref="ProjectShredder"/>'s.
/// </summary>
internal sealed class ProjectRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningProject> _projects = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly TokenStoreFactory _stores;
    private readonly SchemaCatalogue _schemas;
    private readonly IProjectLifecycles _lifecycles;
    private readonly ILogger<ProjectRegistry> _logger;

    private ProjectRegistry(ProjectStore store, IProjectLifecycles lifecycles, TokenStoreFactory stores, SchemaCatalogue schemas,
        ILogger<ProjectRegistry> logger)
    {
        Store = store;
        _lifecycles = lifecycles;
        _stores = stores;
        _schemas = schemas;
        _logger = logger;
    }

    /// <summary>The coordinated projects.</summary>
    public ProjectStore Store { get; }

    /// <summary>Opens the declared projects' stores; a declared id that a coordinated project has refuses the start.</summary>
    public static async Task<ProjectRegistry> OpenAsync(ServerOptions options, ProjectStore store, IProjectLifecycles lifecycles,
        TokenStoreFactory stores, SchemaCatalogue schemas, ILogger<ProjectRegistry> logger, CancellationToken cancellationToken)
    {
        var registry = new ProjectRegistry(store, lifecycles, stores, schemas, logger);
        try
        {
            foreach (var project in options.Projects)
            {
                if (!Tokens.Identifiers.IsValidProjectId(project.Id) || registry._projects.ContainsKey(project.Id))
                {
                    throw new InvalidOperationException($"Project id '{project.Id}' is malformed or declared twice.");
                }

                if (await store.GetAsync(project.Id, cancellationToken) is not null)
                {
                    // The declared project would shadow the coordinated one and release its hits before Matching (issue 17).
                    throw new Hosting.ServerStartRefusedException(
                        $"Server:Projects declares a dry-run project '{project.Id}', but a coordinated project with that id exists in "
                        + $"{store.DatabasePath}. A dry-run project releases hits as batches arrive and would shadow it: remove "
                        + "the declaration (or give it another id) and start again.");
                }

                var schema = string.IsNullOrEmpty(project.SchemaPath) ? MatchKeySchema.Default : MatchKeySchema.Load(project.SchemaPath);
                schemas.Add(schema);
                var matcher = await stores.OpenAsync(project.Id, project.Parties, schema, project.MaxFanout, IndexCapacity.Default,
                    neverScores: true, cancellationToken);
                registry._projects[project.Id] = new RunningProject(project.Id, schema, matcher, Coordinated: false);
            }

            if (options.Projects.Count > 0)
            {
                ServerLog.DeclaredProjects(logger, options.Projects.Count);
            }
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }

        return registry;
    }

    /// <summary>
    /// A configuration-declared project (unless a coordinated project has its id), or a coordinated one whose matcher is
    /// open (Open and later).
    /// </summary>
    public async Task<RunningProject?> FindAsync(string projectId, CancellationToken cancellationToken)
    {
        if (_projects.TryGetValue(projectId, out var running))
        {
            if (!running.Coordinated)
            {
                return await DeclaredAsync(running, cancellationToken);
            }

            return !_lifecycles.IsRemote || await _lifecycles.GetAsync(projectId, fresh: false, cancellationToken) is not null
                ? running
                : await ForgetAsync(running);
        }

        var coordinated = await _lifecycles.GetAsync(projectId, fresh: false, cancellationToken);
        return coordinated is null || coordinated.Kind == ProjectKind.List
            || coordinated.State is not (ProjectState.Open or ProjectState.Matching or ProjectState.Closed)
            ? null
            : await OpenCoordinatedAsync(coordinated, cancellationToken);
    }

    // A declared (dry-run) project never answers for a coordinated project of the same id (issue 17). Create and start
    // refuse such a clash on this instance; this catches a Matcher instance whose configuration differs from the
    // coordinator's. The caller is then refused as for an unknown project.
    private async Task<RunningProject?> DeclaredAsync(RunningProject running, CancellationToken cancellationToken)
    {
        if (await _lifecycles.GetAsync(running.Id, fresh: false, cancellationToken) is null)
        {
            return running;
        }

        ServerLog.DeclaredProjectShadows(_logger, running.Id);
        return null;
    }

    // On a Matcher instance: the coordinator purged the project (its lifecycle left Redis), so this instance lets it go.
    private async Task<RunningProject?> ForgetAsync(RunningProject running)
    {
        if (_projects.TryRemove(new KeyValuePair<string, RunningProject>(running.Id, running)))
        {
            ScaleOutLog.ProjectForgotten(_logger, running.Id);
            await running.Matcher.DisposeAsync();
        }

        return null;
    }

    /// <summary>Opens the matcher of a coordinated project (at most once).</summary>
    public async Task<RunningProject> OpenCoordinatedAsync(MatchingProject project, CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_projects.TryGetValue(project.Id, out var running))
            {
                return running;
            }

            var schema = _schemas.Find(project.SchemaHash)
                ?? throw new InvalidOperationException($"Project {project.Id} pins a schema this server does not have.");
            var parties = project.Parties.Select(p => p.Party).ToList();
            // Sized from the declared data sets, so the first batches do not pay for repeated growth of the index.
            var matcher = await _stores.OpenAsync(project.Id, parties, schema, project.MaxFanout, IndexCapacity.For(project, schema),
                neverScores: false, cancellationToken);
            running = new RunningProject(project.Id, schema, matcher, Coordinated: true);
            _projects[project.Id] = running;
            if (project.State is ProjectState.Matching or ProjectState.Closed)
            {
                // Stage 2 scores from Matching on: a server that stopped between the move and its log record catches up here.
                await matcher.StartScoringAsync(cancellationToken);
            }

            return running;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>
    /// Takes a project out of the registry for its purge: <paramref name="purge"/> gets its running store (null when this
    /// instance has not opened it) and runs while no store of the registry is being opened, so the project is not
    /// opened again half-way.
    /// </summary>
    public async Task<T> RemoveForPurgeAsync<T>(string projectId, Func<RunningProject?, Task<T>> purge, CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken);
        try
        {
            _projects.TryRemove(projectId, out var running);
            return await purge(running);
        }
        finally
        {
            _opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var project in _projects.Values)
        {
            await project.Matcher.DisposeAsync();
        }

        _opening.Dispose();
    }
}

/// <summary>One open project; <paramref name="Coordinated"/> ones follow their lifecycle in the project store.</summary>
internal sealed record RunningProject(string Id, MatchKeySchema Schema, IProjectTokenStore Matcher, bool Coordinated)
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
