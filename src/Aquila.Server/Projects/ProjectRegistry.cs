using System.Collections.Concurrent;
using Aquila.Coordination.Projects;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Server.Options;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Projects;

/// <summary>
/// The projects this server runs, each with its schema and its durable matcher. Two kinds: projects declared in the
/// configuration (dry runs and simulations: no lifecycle, hits released as found), opened at start; and
/// coordinated projects from the <see cref="ProjectStore"/>, whose matcher is opened once the project is Open and
/// whose lifecycle decides what the matcher may do.
/// </summary>
internal sealed class ProjectRegistry : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, RunningProject> _projects;
    private readonly SemaphoreSlim _opening = new(1, 1);
    private readonly ServerOptions _options;
    private readonly ServerKeyStore _keys;
    private readonly byte[] _serverKey;
    private readonly ILoggerFactory _loggers;
    private readonly List<MatchKeySchema> _schemas = [];

    private ProjectRegistry(ConcurrentDictionary<string, RunningProject> projects, ServerOptions options, ServerKeyStore keys,
        byte[] serverKey, ILoggerFactory loggers, ProjectStore store)
    {
        _projects = projects;
        _options = options;
        _keys = keys;
        _serverKey = serverKey;
        _loggers = loggers;
        Store = store;
    }

    /// <summary>The coordinated projects.</summary>
    public ProjectStore Store { get; }

    /// <summary>The open joint lists (list projects have no matcher); closed before a purge shreds their state.</summary>
    public Aquila.Server.Lists.ListRegistry? Lists { get; set; }

    public static async Task<ProjectRegistry> OpenAsync(ServerOptions options, ServerKeyStore keys, ProjectStore store,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var projects = new ConcurrentDictionary<string, RunningProject>(StringComparer.Ordinal);
        var registry = new ProjectRegistry(projects, options, keys, keys.ServerKey(), loggers, store);
        try
        {
            foreach (var path in options.SchemaPaths)
            {
                registry._schemas.Add(MatchKeySchema.Load(path));
            }

            foreach (var project in options.Projects)
            {
                if (!Tokens.Identifiers.IsValidProjectId(project.Id) || projects.ContainsKey(project.Id))
                {
                    throw new InvalidOperationException($"Project id '{project.Id}' is malformed or declared twice.");
                }

                var schema = string.IsNullOrEmpty(project.SchemaPath) ? MatchKeySchema.Default : MatchKeySchema.Load(project.SchemaPath);
                var matcher = await registry.OpenMatcherAsync(project.Id, project.Parties, schema, project.MaxFanout, IndexCapacity.Default,
                    cancellationToken);
                projects[project.Id] = new RunningProject(project.Id, schema, matcher, Coordinated: false);
            }
        }
        catch
        {
            await registry.DisposeAsync();
            throw;
        }

        return registry;
    }

    /// <summary>A configuration-declared project, or a coordinated one whose matcher is open (Open and later).</summary>
    public async Task<RunningProject?> FindAsync(string projectId, CancellationToken cancellationToken)
    {
        if (_projects.TryGetValue(projectId, out var running))
        {
            return running;
        }

        var coordinated = await Store.GetAsync(projectId, cancellationToken);
        return coordinated is null || coordinated.Kind == ProjectKind.List
            || coordinated.State is not (ProjectState.Open or ProjectState.Matching or ProjectState.Closed)
            ? null
            : await OpenCoordinatedAsync(coordinated, cancellationToken);
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

            var schema = SchemaFor(project.SchemaHash)
                ?? throw new InvalidOperationException($"Project {project.Id} pins a schema this server does not have.");
            var parties = project.Parties.Select(p => p.Party).ToList();
            // Sized from the declared data sets, so the first batches do not pay for repeated growth of the index.
            var matcher = await OpenMatcherAsync(project.Id, parties, schema, project.MaxFanout, IndexCapacity.For(project, schema),
                cancellationToken);
            running = new RunningProject(project.Id, schema, matcher, Coordinated: true);
            _projects[project.Id] = running;
            return running;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>
    /// Purges a coordinated project's server-side state: closes its matcher, destroys its data key, deletes its log
    /// and snapshots. Returns the hits to keep (hit id, parties, band).
    /// </summary>
    public async Task<IReadOnlyList<RetainedHit>> ShredAsync(string projectId, CancellationToken cancellationToken)
    {
        await _opening.WaitAsync(cancellationToken);
        try
        {
            var retained = new List<RetainedHit>();
            if (Lists is not null)
            {
                await Lists.CloseAsync(projectId);
            }

            if (_projects.TryRemove(projectId, out var running))
            {
                Span<byte> id = stackalloc byte[16];
                foreach (var party in running.Matcher.Definition.Parties)
                {
                    foreach (var hit in running.Matcher.ReadCurrentHits(party, 0, int.MaxValue, out _))
                    {
                        if (string.CompareOrdinal(party, hit.Hit.OtherPartyCode) < 0)
                        {
                            hit.Hit.HitId.WriteTo(id);
                            retained.Add(new RetainedHit(Convert.ToHexStringLower(id), party, hit.Hit.OtherPartyCode,
                                (ProjectHitBand)((int)hit.Hit.Band - 1)));
                        }
                    }
                }

                // Keep the latest state of each hit (an update repeats the id).
                retained = [.. retained.GroupBy(h => h.HitId).Select(g => g.Last())];
                await running.Matcher.DisposeAsync();
            }

            _keys.DestroyProjectDataKey(projectId);
            var directory = Path.Combine(_options.DataDirectory, "projects", projectId);
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }

            return retained;
        }
        finally
        {
            _opening.Release();
        }
    }

    /// <summary>The schemas this server can run: the built-in one and those the configured projects name.</summary>
    public MatchKeySchema? SchemaFor(string sha256Hex)
    {
        if (string.Equals(MatchKeySchema.Default.HashHex, sha256Hex, StringComparison.OrdinalIgnoreCase))
        {
            return MatchKeySchema.Default;
        }

        foreach (var schema in _schemas.Concat(_projects.Values.Select(p => p.Schema)))
        {
            if (string.Equals(schema.HashHex, sha256Hex, StringComparison.OrdinalIgnoreCase))
            {
                return schema;
            }
        }

        return null;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var project in _projects.Values)
        {
            await project.Matcher.DisposeAsync();
        }

        _opening.Dispose();
    }

    private Task<ProjectMatcher> OpenMatcherAsync(string projectId, IReadOnlyList<string> parties, MatchKeySchema schema, int maxFanout,
        int initialTokenCapacity, CancellationToken cancellationToken)
    {
        var hitKeys = new List<HitKey>(schema.Keys.Count);
        foreach (var key in schema.Keys)
        {
            hitKeys.Add(new HitKey(key.Id, (HitBand)(byte)key.Band));
        }

        var definition = new ProjectDefinition
        {
            ProjectId = projectId,
            Parties = parties,
            SchemaHash = schema.Hash,
            Keys = hitKeys,
            MaxFanout = maxFanout,
        };
        var matcherOptions = new ProjectMatcherOptions
        {
            Directory = Path.Combine(_options.DataDirectory, "projects", projectId, "wal"),
            DataKey = _keys.ProjectDataKey(projectId),
            ServerKey = _serverKey,
            InitialTokenCapacity = initialTokenCapacity,
        };
        return ProjectMatcher.OpenAsync(definition, matcherOptions, _loggers, cancellationToken);
    }
}

/// <summary>One open project; <paramref name="Coordinated"/> ones follow their lifecycle in the project store.</summary>
internal sealed record RunningProject(string Id, MatchKeySchema Schema, ProjectMatcher Matcher, bool Coordinated)
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
