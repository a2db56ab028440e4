using Aquila.Matching.Projects;
using Aquila.Matching.Redis;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Matching.Tests.Redis;

/// <summary>The shared store behaviour on Redis; the subclasses choose a single instance or a 3-master cluster.</summary>
public abstract class RedisStoreBehaviour(RedisFixture redis) : TokenStoreBehaviour
{
    protected RedisFixture Redis { get; } = redis;

    protected override Task<IProjectTokenStore> OpenAsync(ProjectDefinition definition) => OpenAsync(definition, hook: null);

    protected override Task<IProjectTokenStore> OpenFailingOnceAsync(ProjectDefinition definition)
    {
        var failed = 0;
        return OpenAsync(definition, stage =>
            stage == RedisSubmitStage.HitsAppended && Interlocked.Exchange(ref failed, 1) == 0
                ? throw new IOException("Simulated crash after the hits were appended, before the receipt.")
                : ValueTask.CompletedTask);
    }

    protected override async Task<bool> HasStateAsync(string projectId) => (await RedisKeysOf(Redis, projectId)).Count > 0;

    internal static async Task<List<string>> RedisKeysOf(RedisFixture redis, string projectId)
    {
        var keys = new List<string>();
        foreach (var server in redis.Connection.GetServers())
        {
            foreach (var pattern in new[] { $"aq:{{{projectId}}}:*", $"aq:{{{projectId}:*" })
            {
                await foreach (var key in server.KeysAsync(pattern: pattern))
                {
                    keys.Add(key.ToString());
                }
            }
        }

        return keys;
    }

    internal static RedisProjectStoreOptions Options(RedisFixture redis, Func<RedisSubmitStage, ValueTask>? hook = null,
        StackExchange.Redis.IConnectionMultiplexer? connection = null) => new()
    {
        Connection = connection ?? redis.Connection,
        ServerKey = Projects.ProjectTestBed.ServerKey,
        TokenShards = 16,
        HitPollInterval = TimeSpan.FromMilliseconds(50),
        StageHook = hook,
    };

    private async Task<IProjectTokenStore> OpenAsync(ProjectDefinition definition, Func<RedisSubmitStage, ValueTask>? hook)
    {
        Redis.Require();
        return await RedisProjectStore.OpenAsync(definition, Options(Redis, hook), NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
    }
}
