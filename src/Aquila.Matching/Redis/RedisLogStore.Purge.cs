using StackExchange.Redis;

namespace Aquila.Matching.Redis;

// Purge: tell the followers (a purge entry), crypto-shred and delete every key, then drop this instance's local state.
public sealed partial class RedisLogStore
{
    /// <summary>
    /// Appends a purge entry (followers that read it drop their local state at once; the others find the data key gone
    /// on their next read), deletes the wrapped data key and every key of the project on every master as
    /// <see cref="RedisProjectStore.PurgeAsync(IConnectionMultiplexer, string, string, Microsoft.Extensions.Logging.ILogger?, CancellationToken)"/>
    /// does, then deletes this instance's local state and closes the store.
    /// </summary>
    /// <exception cref="RedisStoreUnavailableException">A master cannot be reached; run the purge again once it is back.</exception>
    public async Task PurgeAsync(CancellationToken ct = default)
    {
        var entry = new RedisLogEntry(RedisLogEntryKind.Purge, Guid.NewGuid(), Now(), "", [], [], null);
        try
        {
            await _db.ScriptEvaluateAsync(RedisLogScripts.Append, [_keys.DataKey, _keys.Log], [Seal(entry)]).ConfigureAwait(false);
        }
        catch (RedisException e)
        {
            throw RedisProjectStore.Unavailable(_logger, e, "purge", Definition.ProjectId);
        }

        await RedisProjectStore.PurgeAsync(_options.Connection, Definition.ProjectId, _options.KeyPrefix, _logger, ct).ConfigureAwait(false);
        await _followGate.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        try
        {
            await DropLocalStateAsync("purged on this instance").ConfigureAwait(false);
        }
        finally
        {
            _followGate.Release();
        }

        await DisposeAsync().ConfigureAwait(false);
    }
}
