using System.Collections.Concurrent;
using Aquila.Coordination.Projects;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Redis;
using Aquila.Server.Options;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Aquila.Server.Projects;

/// <summary>
/// The projects this server runs, each with its schema and its durable matcher. Two kinds: projects declared in the
/// configuration (dry runs and simulations: no lifecycle, hits released as found), opened at start; and
/// coordinated projects from the <see cref="ProjectStore"/>, whose matcher is opened once the project is Open and
/// whose lifecycle decides what the matcher may do. Each project's store is the embedded one (write-ahead log under the
/// data directory) or, with Server:Matcher:Store = Redis, a Redis store shared with the other server instances.
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
    private ConnectionMultiplexer? _redis;

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

    /// <summary>
    /// Where coordinated projects' lifecycle is read: this instance's store, or on a Matcher instance the coordinator's
    /// copy in Redis. Set by the host before the server accepts calls.
    /// </summary>
    public ScaleOut.IProjectLifecycles Lifecycles { get; set; } = null!;

    /// <summary>The Redis connection when the matcher store is Redis (for the health check), otherwise null.</summary>
    public IConnectionMultiplexer? Redis => _redis;

    public static async Task<ProjectRegistry> OpenAsync(ServerOptions options, ServerKeyStore keys, ProjectStore store,
        ILoggerFactory loggers, CancellationToken cancellationToken)
    {
        var projects = new ConcurrentDictionary<string, RunningProject>(StringComparer.Ordinal);
        var registry = new ProjectRegistry(projects, options, keys, keys.ServerKey(), loggers, store);
        try
        {
            if (options.Matcher.Store == MatcherStoreKind.Redis)
            {
                registry._redis = await ConnectRedisAsync(options.Matcher.Redis);
            }

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

                if (await store.GetAsync(project.Id, cancellationToken) is not null)
                {
                    // The declared project would shadow the coordinated one and release its hits before Matching (issue 17).
                    throw new Hosting.ServerStartRefusedException(
                        $"Server:Projects declares a dry-run project '{project.Id}', but a coordinated project with that id exists in "
                        + $"{store.DatabasePath}. A dry-run project releases hits as batches arrive and would shadow it: remove "
                        + "the declaration (or give it another id) and start again.");
                }

                var schema = string.IsNullOrEmpty(project.SchemaPath) ? MatchKeySchema.Default : MatchKeySchema.Load(project.SchemaPath);
                var matcher = await registry.OpenMatcherAsync(project.Id, project.Parties, schema, project.MaxFanout, IndexCapacity.Default,
                    cancellationToken);
                projects[project.Id] = new RunningProject(project.Id, schema, matcher, Coordinated: false);
            }

            if (options.Projects.Count > 0)
            {
                ServerLog.DeclaredProjects(loggers.CreateLogger<ProjectRegistry>(), options.Projects.Count);
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

            return !Lifecycles.IsRemote || await Lifecycles.GetAsync(projectId, fresh: false, cancellationToken) is not null
                ? running
                : await ForgetAsync(running);
        }

        var coordinated = await Lifecycles.GetAsync(projectId, fresh: false, cancellationToken);
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
        if (await Lifecycles.GetAsync(running.Id, fresh: false, cancellationToken) is null)
        {
            return running;
        }

        ServerLog.DeclaredProjectShadows(_loggers.CreateLogger<ProjectRegistry>(), running.Id);
        return null;
    }

    // On a Matcher instance: the coordinator purged the project (its lifecycle left Redis), so this instance lets it go.
    private async Task<RunningProject?> ForgetAsync(RunningProject running)
    {
        if (_projects.TryRemove(new KeyValuePair<string, RunningProject>(running.Id, running)))
        {
            ScaleOut.ScaleOutLog.ProjectForgotten(_loggers.CreateLogger<ProjectRegistry>(), running.Id);
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
                var id = new byte[16];
                foreach (var party in running.Matcher.Definition.Parties)
                {
                    var events = running.Matcher is ProjectMatcher embedded
                        ? embedded.ReadCurrentHits(party, 0, int.MaxValue, out _)
                        : await running.Matcher.ReadHitsAsync(party, 0, int.MaxValue, cancellationToken);
                    foreach (var hit in events)
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
                if (running.Matcher is RedisProjectStore)
                {
                    await running.Matcher.PurgeAsync(cancellationToken);
                }
                else
                {
                    await running.Matcher.DisposeAsync();
                }
            }
            else if (_redis is not null)
            {
                // Not opened by this instance: its keys may still be in Redis, written by another instance.
                await RedisProjectStore.PurgeAsync(_redis, projectId, _options.Matcher.Redis.KeyPrefix, _loggers.CreateLogger<RedisProjectStore>(),
                    cancellationToken);
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

        if (_redis is not null)
        {
            await _redis.DisposeAsync();
        }

        _opening.Dispose();
    }

    private static async Task<ConnectionMultiplexer> ConnectRedisAsync(RedisMatcherOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.Configuration))
        {
            throw new InvalidOperationException(
                "Server:Matcher:Store is Redis but Server:Matcher:Redis:Configuration is empty; give host:port of one or more Redis nodes.");
        }

        var configuration = ConfigurationOptions.Parse(options.Configuration);
        // Start (and keep running) while a node is down: the health check reports it and submissions answer Unavailable.
        configuration.AbortOnConnectFail = false;
        return await ConnectionMultiplexer.ConnectAsync(configuration);
    }

    private async Task<IProjectTokenStore> OpenMatcherAsync(string projectId, IReadOnlyList<string> parties, MatchKeySchema schema, int maxFanout,
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
        if (_redis is not null)
        {
            // The data key lives in Redis, wrapped under K_server, so every instance with the same key file can use it.
            var redisOptions = new RedisProjectStoreOptions
            {
                Connection = _redis,
                ServerKey = _serverKey,
                TokenShards = _options.Matcher.Redis.TokenShards,
                KeyPrefix = _options.Matcher.Redis.KeyPrefix,
            };
            return await RedisProjectStore.OpenAsync(definition, redisOptions, _loggers, cancellationToken);
        }

        var matcherOptions = new ProjectMatcherOptions
        {
            Directory = Path.Combine(_options.DataDirectory, "projects", projectId, "wal"),
            DataKey = _keys.ProjectDataKey(projectId),
            ServerKey = _serverKey,
            InitialTokenCapacity = initialTokenCapacity,
        };
        return await ProjectMatcher.OpenAsync(definition, matcherOptions, _loggers, cancellationToken);
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
