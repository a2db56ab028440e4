using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Redis;
using Aquila.Server.Options;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Projects;

/// <summary>
/// Opens a project's token store: the embedded one (write-ahead log under the data directory, data key in the key
/// directory) or, with Server:Matcher:Store = Redis, a Redis store shared with the other server instances — token postings
/// in Redis (Layout = Postings) or a log of submissions every instance follows with its own matcher (Layout = Log).
/// </summary>
internal sealed class TokenStoreFactory(ServerOptions options, ServerKeyStore keys, MatcherRedis redis, ILoggerFactory loggers)
{
    private readonly byte[] _serverKey = keys.ServerKey();

    /// <summary>
    /// Opens (or creates) the store of <paramref name="projectId"/>. <paramref name="neverScores"/>: a dry run declared in the
    /// configuration, which has no Matching phase and so never starts stage 2 (<see cref="ProjectMatcherOptions.NeverScores"/>).
    /// </summary>
    public async Task<IProjectTokenStore> OpenAsync(string projectId, IReadOnlyList<string> parties, MatchKeySchema schema, int maxFanout,
        int initialTokenCapacity, bool neverScores, CancellationToken cancellationToken)
    {
        var definition = new ProjectDefinition
        {
            ProjectId = projectId,
            Parties = parties,
            SchemaHash = schema.Hash,
            Keys = HitKey.FromSchema(schema),
            MaxFanout = maxFanout,
        };
        if (redis.Connection is { } logConnection && options.Matcher.Redis.Layout == RedisStoreLayout.Log)
        {
            // Redis keeps the project's log of submissions; this instance follows it with its own matcher (stage 2 included).
            var logOptions = new RedisLogStoreOptions
            {
                Connection = logConnection,
                ServerKey = _serverKey,
                KeyPrefix = options.Matcher.Redis.KeyPrefix,
                Directory = Path.Combine(options.DataDirectory, "projects", projectId, "redis-log"),
                InitialTokenCapacity = initialTokenCapacity,
                PollInterval = options.Matcher.Redis.LogPollInterval,
                NeverScores = neverScores,
            };
            return await RedisLogStore.OpenAsync(WithScoring(definition, schema), logOptions, loggers, cancellationToken);
        }

        if (redis.Connection is { } connection)
        {
            // The shared store does not carry stage 2 yet (issue 16, step 5): such a project runs stage 1 only, and says so.
            if (schema.Scoring is not null)
            {
                ServerLog.Stage2NotOnRedis(loggers.CreateLogger<TokenStoreFactory>(), projectId);
            }

            // The data key lives in Redis, wrapped under K_server, so every instance with the same key file can use it.
            var redisOptions = new RedisProjectStoreOptions
            {
                Connection = connection,
                ServerKey = _serverKey,
                TokenShards = options.Matcher.Redis.TokenShards,
                KeyPrefix = options.Matcher.Redis.KeyPrefix,
            };
            return await RedisProjectStore.OpenAsync(definition, redisOptions, loggers, cancellationToken);
        }

        var matcherOptions = new ProjectMatcherOptions
        {
            Directory = Path.Combine(options.DataDirectory, "projects", projectId, "wal"),
            DataKey = keys.ProjectDataKey(projectId),
            ServerKey = _serverKey,
            InitialTokenCapacity = initialTokenCapacity,
            NeverScores = neverScores,
            DeferStage2 = options.Matcher.Stage2.Defer,
            MaxStage2BacklogRecords = options.Matcher.Stage2.MaxBacklogRecords,
        };
        // The embedded store carries stage 2 when the schema has a scoring section.
        return await ProjectMatcher.OpenAsync(WithScoring(definition, schema), matcherOptions, loggers, cancellationToken);
    }

    private static ProjectDefinition WithScoring(ProjectDefinition definition, MatchKeySchema schema) => new()
    {
        ProjectId = definition.ProjectId,
        Parties = definition.Parties,
        SchemaHash = definition.SchemaHash,
        Keys = definition.Keys,
        MaxFanout = definition.MaxFanout,
        Scoring = schema.Scoring,
    };

    /// <summary>
    /// Deletes the shared state of a project this instance did not open (with the Redis store, another instance may have
    /// written its keys); nothing to do with the embedded store.
    /// </summary>
    public async Task PurgeUnopenedAsync(string projectId, CancellationToken cancellationToken)
    {
        if (redis.Connection is { } connection)
        {
            await RedisProjectStore.PurgeAsync(connection, projectId, options.Matcher.Redis.KeyPrefix, loggers.CreateLogger<RedisProjectStore>(),
                cancellationToken);
        }
    }
}
