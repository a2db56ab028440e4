using System.Globalization;
using Aquila.Coordination.Projects;
using StackExchange.Redis;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// The coordinator's copy of each coordinated project's lifecycle in Redis, for the Matcher instances: written after every
/// change the coordinator makes, and reconciled with the project store every round of <see cref="AuditStreamDrain"/> (so
/// a change whose publication failed, or one made by a path that does not publish, still arrives). A purged project's
/// copy is deleted. Writes are ordered by project version: an older document never replaces a newer one.
/// </summary>
internal sealed class LifecyclePublisher(IConnectionMultiplexer redis, ScaleOutKeys keys, ProjectStore store)
{
    // Sets the document only when its version is newer than the stored one.
    private const string SetIfNewer = """
        local v = redis.call('HGET', KEYS[1], 'v')
        if v and tonumber(v) >= tonumber(ARGV[1]) then return 0 end
        redis.call('HSET', KEYS[1], 'v', ARGV[1], 'doc', ARGV[2])
        return 1
        """;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<string, long> _published = new(StringComparer.Ordinal);
    private readonly HashSet<string> _purged = new(StringComparer.Ordinal);

    /// <summary>Publishes the project as it is after a change (deletes it once Purged).</summary>
    /// <exception cref="RedisException">Redis did not answer; the next reconciliation publishes it.</exception>
    public async Task PublishAsync(MatchingProject project, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await WriteAsync(project);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Publishes every project whose version this instance has not published yet. Returns how many it wrote.</summary>
    public async Task<int> ReconcileAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var written = 0;
            // Read inside the gate: a change published meanwhile is either in this read or published after it.
            foreach (var project in await store.ListAsync(cancellationToken))
            {
                if (!_purged.Contains(project.Id) && _published.GetValueOrDefault(project.Id, -1) != project.Version)
                {
                    await WriteAsync(project);
                    written++;
                }
            }

            return written;
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task WriteAsync(MatchingProject project)
    {
        if (_purged.Contains(project.Id))
        {
            // Purged is final: a late publication of an earlier version must not bring the project back.
            return;
        }

        var db = redis.GetDatabase();
        var key = keys.Lifecycle(project.Id);
        if (project.State == ProjectState.Purged)
        {
            await db.KeyDeleteAsync(key);
            _purged.Add(project.Id);
            _published.Remove(project.Id);
            return;
        }

        await db.ScriptEvaluateAsync(SetIfNewer, [key],
            [project.Version.ToString(CultureInfo.InvariantCulture), ProjectDocument.Write(project)]);
        _published[project.Id] = project.Version;
    }
}
