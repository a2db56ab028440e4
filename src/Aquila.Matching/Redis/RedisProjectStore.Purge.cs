using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Aquila.Matching.Redis;

// Purge: crypto-shred (delete the wrapped data key first), then delete every key of the project on every master.
public sealed partial class RedisProjectStore
{
    /// <summary>
    /// Closes the store, deletes the project's wrapped data key (crypto-shred: whatever copies of the other keys remain,
    /// for instance in an RDB file, can no longer be read), then every other key of the project on every master, and
    /// asks each master to rewrite its append-only file so the deleted values leave it too.
    /// </summary>
    public async Task PurgeAsync(CancellationToken ct = default)
    {
        await DisposeAsync().ConfigureAwait(false);
        await PurgeAsync(_options.Connection, Definition.ProjectId, _options.KeyPrefix, _logger, ct).ConfigureAwait(false);
    }

    /// <summary>Purges a project from Redis without opening it (for an instance that never opened it). Returns the keys deleted.</summary>
    /// <exception cref="RedisStoreUnavailableException">A master cannot be reached; run the purge again once it is back.</exception>
    public static async Task<long> PurgeAsync(IConnectionMultiplexer connection, string projectId, string keyPrefix = RedisProjectStoreOptions.DefaultKeyPrefix,
        ILogger? logger = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        RequireKeySafeId(projectId);
        RequireKeySafeId(keyPrefix);
        logger ??= NullLogger.Instance;
        var keys = new RedisProjectKeys(keyPrefix, projectId, 1);
        var db = connection.GetDatabase();
        long deleted = 0;
        try
        {
            if (await db.KeyDeleteAsync(keys.DataKey).ConfigureAwait(false))
            {
                deleted++;
            }

            foreach (var server in Masters(connection))
            {
                foreach (var pattern in keys.Patterns)
                {
                    var pending = new List<Task<bool>>();
                    await foreach (var key in server.KeysAsync(pattern: pattern, pageSize: 1000).WithCancellation(ct).ConfigureAwait(false))
                    {
                        pending.Add(db.KeyDeleteAsync(key));
                    }

                    foreach (var done in await Task.WhenAll(pending).ConfigureAwait(false))
                    {
                        deleted += done ? 1 : 0;
                    }
                }
            }

            foreach (var server in Masters(connection))
            {
                await RewriteAppendOnlyFileAsync(server).ConfigureAwait(false);
            }
        }
        catch (RedisException e)
        {
            throw Unavailable(logger, e, "purge", projectId);
        }

        RedisStoreLog.Purged(logger, projectId, deleted);
        return deleted;
    }

    private static List<IServer> Masters(IConnectionMultiplexer connection)
    {
        var masters = new List<IServer>();
        foreach (var server in connection.GetServers())
        {
            if (server.IsReplica)
            {
                continue;
            }

            if (!server.IsConnected)
            {
                throw new RedisStoreUnavailableException(
                    $"Redis node {server.EndPoint} is not connected; a purge must reach every master. Run it again once the node is back.");
            }

            masters.Add(server);
        }

        return masters;
    }

    private static async Task RewriteAppendOnlyFileAsync(IServer server)
    {
        try
        {
            await server.ExecuteAsync("BGREWRITEAOF").ConfigureAwait(false);
        }
        catch (RedisServerException)
        {
            // A rewrite already in progress or scheduled is as good; with AOF off there is nothing to rewrite.
        }
    }
}
