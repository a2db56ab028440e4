using System.Collections.Concurrent;
using Aquila.Coordination.Projects;
using Aquila.Matching.Index;
using Aquila.Matching.Lists;
using Aquila.Server.Options;
using Aquila.Server.Projects;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Lists;

/// <summary>
/// The open joint lists: a coordinated project of kind "list" gets its <see cref="JointList"/> once it is Open (its log in
/// the project's data directory, encrypted under the project's data key, so the project purge shreds it too).
/// </summary>
internal sealed class ListRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, OpenList> _lists = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly ServerOptions _options;
    private readonly ServerKeyStore _keys;
    private readonly ProjectStore _store;
    private readonly SchemaCatalogue _schemas;
    private readonly ILoggerFactory _loggers;

    /// <summary>Where lists opened from now on keep their logs (the disk; tests give a file system that fails on demand).</summary>
    internal Matching.Storage.IFileSystem FileSystem { get; set; } = Matching.Storage.PhysicalFileSystem.Instance;

    public ListRegistry(ServerOptions options, ServerKeyStore keys, ProjectStore store, SchemaCatalogue schemas, ILoggerFactory loggers)
    {
        _options = options;
        _keys = keys;
        _store = store;
        _schemas = schemas;
        _loggers = loggers;
    }

    /// <summary>The list project as it is now and its open list (null while it is not Open or Closed).</summary>
    public async Task<(MatchingProject? Project, OpenList? List)> FindAsync(string projectId, CancellationToken cancellationToken)
    {
        var project = await _store.GetAsync(projectId, cancellationToken);
        if (project is not { Kind: ProjectKind.List } || project.State is not (ProjectState.Open or ProjectState.Closed))
        {
            return (project, null);
        }

        if (_lists.TryGetValue(projectId, out var open))
        {
            return (project, open);
        }

        await _opening.WaitAsync(cancellationToken);
        try
        {
            if (_lists.TryGetValue(projectId, out open))
            {
                return (project, open);
            }

            var schema = _schemas.Find(project.SchemaHash)
                ?? throw new InvalidOperationException($"List {project.Id} pins a schema this server does not have.");
            var definition = new ListDefinition
            {
                ProjectId = project.Id,
                Contributors = [.. project.List!.Contributors],
                Keys = HitKey.FromSchema(schema),
            };
            var list = await JointList.OpenAsync(definition, new JointListOptions
            {
                Directory = Path.Combine(_options.DataDirectory, "projects", project.Id, "list"),
                DataKey = _keys.ProjectDataKey(project.Id),
                ServerKey = _keys.ServerKey(),
                FileSystem = FileSystem,
            }, _loggers, cancellationToken);
            open = new OpenList(list, schema);
            _lists[project.Id] = open;
            return (project, open);
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>Closes a list before its project's state is shredded.</summary>
    public async Task CloseAsync(string projectId)
    {
        await _opening.WaitAsync();
        try
        {
            if (_lists.TryRemove(projectId, out var open))
            {
                await open.List.DisposeAsync();
            }
        }
        finally
        {
            _opening.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var open in _lists.Values)
        {
            await open.List.DisposeAsync();
        }

        _lists.Clear();
        _opening.Dispose();
    }
}

/// <summary>An open list and the schema its project pins.</summary>
internal sealed record OpenList(JointList List, MatchKeySchema Schema);
