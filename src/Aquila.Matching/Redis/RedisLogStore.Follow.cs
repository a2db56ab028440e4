using StackExchange.Redis;

namespace Aquila.Matching.Redis;

// Following the log: reading entries after the applied position and applying them to the local matcher, in order.
public sealed partial class RedisLogStore
{
    /// <summary>
    /// Applies every log entry after the applied position (one Redis round trip when there is none). Callers are served in
    /// turn: whoever holds the gate applies what is there for everybody. Returns true once the project is purged (this
    /// instance then holds nothing of it).
    /// </summary>
    /// <exception cref="RedisStoreUnavailableException">Redis did not answer.</exception>
    /// <exception cref="IOException">The local state could not be written; the entry is applied again on the next catch-up.</exception>
    internal async Task<bool> CatchUpAsync(CancellationToken ct)
    {
        await _followGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_purged)
            {
                return true;
            }

            ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
            var applied = 0;
            while (true)
            {
                RedisResult result;
                try
                {
                    result = await _db.ScriptEvaluateAsync(RedisLogScripts.Read, [_keys.DataKey, _keys.Log],
                        ["(" + _position, _options.EntriesPerRead]).ConfigureAwait(false);
                }
                catch (RedisException e)
                {
                    throw RedisProjectStore.Unavailable(_logger, e, "reading the log", Definition.ProjectId);
                }

                if (result.IsNull)
                {
                    await DropLocalStateAsync("its data key is gone from Redis").ConfigureAwait(false);
                    return true;
                }

                var entries = (RedisResult[])result!;
                try
                {
                    foreach (var entry in entries)
                    {
                        var parts = (RedisResult[])entry!;
                        var id = (string)parts[0]!;
                        var fields = (RedisResult[])parts[1]!;
                        if (await ApplyAsync((byte[])fields[1]!).ConfigureAwait(false))
                        {
                            _position = id;
                            return true;
                        }

                        _position = id;
                        applied++;
                    }
                }
                finally
                {
                    if (applied > 0 && !_purged)
                    {
                        _positionFile.Write(_position);
                    }
                }

                if (entries.Length < _options.EntriesPerRead)
                {
                    if (applied > 0)
                    {
                        RedisLogStoreLog.EntriesApplied(_logger, applied, Definition.ProjectId, _position);
                    }

                    return false;
                }
            }
        }
        finally
        {
            _followGate.Release();
        }
    }

    // The background follower: applies what other instances append, so waiting watchers wake without a read.
    private async Task FollowAsync()
    {
        var stop = _closed.Token;
        var pause = _options.PollInterval;
        while (true)
        {
            await Task.Delay(pause, stop).ConfigureAwait(false);
            try
            {
                if (await CatchUpAsync(stop).ConfigureAwait(false))
                {
                    return;
                }

                pause = _options.PollInterval;
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e)
            {
                // Redis down or the local disk full: say so, then look again less often (up to every 5 s) until it works.
                RedisLogStoreLog.FollowFailed(_logger, e, Definition.ProjectId);
                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    // Under the follow gate. Applies one sealed entry with the call the embedded store makes, stamping receipts with the
    // entry's time, and hands the outcome to the instance that appended it (if that is this one). Returns true for a purge.
    private async Task<bool> ApplyAsync(byte[] sealedEntry)
    {
        var plain = new byte[sealedEntry.Length - RedisLogCipher.Overhead];
        _cipher.Open(sealedEntry, plain);
        var entry = RedisLogEntryCodec.Decode(plain);
        _waiters.TryGetValue(entry.Origin, out var waiter);
        try
        {
            _clock.Now = entry.AcceptedAt;
            object outcome = entry.Kind switch
            {
                RedisLogEntryKind.Submit => await _local.SubmitAsync(entry.Party, entry.BatchId, entry.ContentHash, entry.Batch!, CancellationToken.None)
                    .ConfigureAwait(false),
                RedisLogEntryKind.ReplaceDataSet => await _local.ReplaceDataSetAsync(entry.Party, entry.BatchId, entry.ContentHash, entry.Batch!,
                    CancellationToken.None).ConfigureAwait(false),
                RedisLogEntryKind.StartScoring => await _local.StartScoringAsync(CancellationToken.None).ConfigureAwait(false),
                _ => true,
            };
            if (entry.Kind == RedisLogEntryKind.Purge)
            {
                await DropLocalStateAsync("a purge entry in its log").ConfigureAwait(false);
            }

            waiter?.TrySetResult(outcome);
            return entry.Kind == RedisLogEntryKind.Purge;
        }
        catch (Exception e)
        {
            // The entry stays unapplied (the position does not pass it): the next catch-up applies it again.
            waiter?.TrySetException(e);
            throw;
        }
    }

    // Under the follow gate: the project was purged (this instance applied the purge entry, or found the data key gone).
    private async Task DropLocalStateAsync(string how)
    {
        if (_purged)
        {
            return;
        }

        _purged = true;
        RedisLogStoreLog.PurgeLearned(_logger, Definition.ProjectId, how);
        await _local.PurgeAsync().ConfigureAwait(false);
        _positionFile.Delete();
        FailWaiters(new ObjectDisposedException(nameof(RedisLogStore), $"Project {Definition.ProjectId} was purged."));
    }
}
