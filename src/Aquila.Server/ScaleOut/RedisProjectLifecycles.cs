using System.Collections.Concurrent;
using Aquila.Coordination.Projects;
using Aquila.Security;
using Grpc.Core;
using StackExchange.Redis;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// A Matcher instance's view of coordinated projects: the documents the coordinator publishes in Redis, kept for
/// <c>cacheDuration</c> at most (in this process: the value is in Redis already, a distributed cache would only add a
/// second read). Fresh reads (submissions) always go to Redis.
/// </summary>
internal sealed class RedisProjectLifecycles(IConnectionMultiplexer redis, ScaleOutKeys keys, TimeProvider clock, TimeSpan cacheDuration)
    : IProjectLifecycles
{
    private readonly ConcurrentDictionary<string, (MatchingProject? Project, long ReadAtMs)> _cache = new(StringComparer.Ordinal);

    public bool IsRemote => true;

    public async Task<MatchingProject?> GetAsync(string projectId, bool fresh, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToUnixTimeMilliseconds();
        if (!fresh && _cache.TryGetValue(projectId, out var cached) && now - cached.ReadAtMs < cacheDuration.TotalMilliseconds)
        {
            return cached.Project;
        }

        RedisValue document;
        try
        {
            document = await redis.GetDatabase().HashGetAsync(keys.Lifecycle(projectId), "doc");
        }
        catch (RedisException e)
        {
            throw new RpcException(new Status(StatusCode.Unavailable,
                "The projects' shared state (Redis) is unavailable (" + e.GetType().Name + "); retry later."));
        }

        var project = document.IsNullOrEmpty ? null : ProjectDocument.Parse(document.ToString());
        _cache[projectId] = (project, now);
        return project;
    }

    // The relayed first acceptance carries the counts; the coordinator records them (BatchAcceptanceAudit).
    public Task RecordSubmissionAsync(PartyIdentity caller, string projectId, RecordSubmission submission) => Task.CompletedTask;

    public Task PublishAsync(MatchingProject project, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task SettleAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
