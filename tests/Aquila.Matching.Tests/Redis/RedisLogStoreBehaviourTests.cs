using Aquila.Matching.Projects;

namespace Aquila.Matching.Tests.Redis;

/// <summary>The shared store behaviour on the Redis log layout (one redis-server, the local state in a temporary directory).</summary>
[Collection(RedisCollection.Name)]
public sealed class RedisLogStoreBehaviourTests(RedisSingleFixture redis) : TokenStoreBehaviour, IClassFixture<RedisSingleFixture>, IDisposable
{
    private readonly TempDirectory _local = new();

    public void Dispose() => _local.Dispose();

    protected override async Task<IProjectTokenStore> OpenAsync(ProjectDefinition definition)
    {
        redis.Require();
        return await RedisLogStoreBed.OpenAsync(definition, redis.Connection, _local.File(definition.ProjectId));
    }

    // An append that never reaches Redis (as when Redis does not answer): nothing is stored, the resend is accepted.
    protected override async Task<IProjectTokenStore> OpenFailingOnceAsync(ProjectDefinition definition)
    {
        redis.Require();
        var failed = 0;
        return await RedisLogStoreBed.OpenAsync(definition, redis.Connection, _local.File(definition.ProjectId),
            beforeAppend: () => Interlocked.Exchange(ref failed, 1) == 0
                ? throw new IOException("Simulated loss of the connection before the entry reached Redis.")
                : ValueTask.CompletedTask);
    }

    protected override async Task<bool> HasStateAsync(string projectId) =>
        (await RedisStoreBehaviour.RedisKeysOf(redis, projectId)).Count > 0 || RedisLogStoreBed.LocalFiles(_local.File(projectId)).Count > 0;
}
