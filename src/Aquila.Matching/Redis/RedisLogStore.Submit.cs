using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using StackExchange.Redis;

namespace Aquila.Matching.Redis;

// Submitting: one sealed entry appended to the log, then the outcome of this instance's application of it.
public sealed partial class RedisLogStore
{
    /// <inheritdoc/>
    /// <remarks>Acknowledged once Redis has the entry (durable as Redis is configured: appendfsync always) and this
    /// instance's local state has applied it. A resend this instance already applied is answered from its receipt without
    /// touching Redis; any other resend is appended and answered from the receipt when applied.</remarks>
    public Task<SubmitOutcome> SubmitAsync(
        string party, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, CancellationToken ct = default) =>
        SubmitCoreAsync(RedisLogEntryKind.Submit, party, batchId, contentHash, batch, ct);

    /// <inheritdoc/>
    public bool CanReplaceDataSets => true;

    /// <inheritdoc/>
    public Task<SubmitOutcome> ReplaceDataSetAsync(
        string party, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, CancellationToken ct = default) =>
        SubmitCoreAsync(RedisLogEntryKind.ReplaceDataSet, party, batchId, contentHash, batch, ct);

    /// <inheritdoc/>
    /// <remarks>Appends a start entry unless the log already holds one: every instance fits the same model on the same
    /// state at the same point of the log, so every instance scores alike.</remarks>
    public async Task<bool> StartScoringAsync(CancellationToken ct = default)
    {
        if (!_local.ScoresCandidates)
        {
            return false;
        }

        if (await CatchUpAsync(ct).ConfigureAwait(false) || _local.ScoringStarted)
        {
            return false;
        }

        var entry = new RedisLogEntry(RedisLogEntryKind.StartScoring, Guid.NewGuid(), Now(), "", [], [], null);
        return (bool)await AppendAndApplyAsync(entry, ct).ConfigureAwait(false);
    }

    private async Task<SubmitOutcome> SubmitCoreAsync(
        RedisLogEntryKind kind, string party, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(batch);
        var partyNumber = PartyNumber(party);
        // The checks that need no state: such a batch never reaches the log. The others are the matcher's, the same on every instance.
        if (SubmissionRules.Check(Definition, _options.MaxBatchRecords, party, partyNumber, batchId.Span, contentHash.Span, batch) is { } problem)
        {
            RedisLogStoreLog.BatchRefused(_logger, party, Definition.ProjectId, problem);
            return new SubmitOutcome(SubmitStatus.Refused, null, problem);
        }

        if (_local.FindReceipt(party, batchId.Span) is not null)
        {
            // Applied here already: after catching up (a later replacement may have withdrawn it), the matcher answers from
            // the receipt (or with the conflict), adding nothing.
            await CatchUpAsync(ct).ConfigureAwait(false);
            ThrowIfPurged();
            return kind == RedisLogEntryKind.Submit
                ? await _local.SubmitAsync(party, batchId, contentHash, batch, ct).ConfigureAwait(false)
                : await _local.ReplaceDataSetAsync(party, batchId, contentHash, batch, ct).ConfigureAwait(false);
        }

        var entry = new RedisLogEntry(kind, Guid.NewGuid(), Now(), party, batchId.ToArray(), contentHash.ToArray(), batch);
        return (SubmitOutcome)await AppendAndApplyAsync(entry, ct).ConfigureAwait(false);
    }

    // Appends the entry (one script call), then catches up until this instance has applied it and returns its outcome.
    private async Task<object> AppendAndApplyAsync(RedisLogEntry entry, CancellationToken ct)
    {
        ThrowIfPurged();
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        var waiter = new TaskCompletionSource<object>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters[entry.Origin] = waiter;
        try
        {
            var sealedEntry = Seal(entry);
            if (_options.BeforeAppend is { } hook)
            {
                await hook().ConfigureAwait(false);
            }

            ct.ThrowIfCancellationRequested();
            RedisResult appended;
            try
            {
                appended = await _db.ScriptEvaluateAsync(RedisLogScripts.Append, [_keys.DataKey, _keys.Log], [sealedEntry]).ConfigureAwait(false);
            }
            catch (RedisException e)
            {
                throw RedisProjectStore.Unavailable(_logger, e, "appending to the log", Definition.ProjectId);
            }

            if (appended.IsNull)
            {
                throw new ObjectDisposedException(nameof(RedisLogStore), $"Project {Definition.ProjectId} was purged; nothing was added.");
            }

            // Durable in Redis from here on: the batch is applied whatever the caller's token says.
            while (!waiter.Task.IsCompleted)
            {
                if (await CatchUpAsync(CancellationToken.None).ConfigureAwait(false) && !waiter.Task.IsCompleted)
                {
                    ThrowIfPurged();
                }

                if (!waiter.Task.IsCompleted)
                {
                    // Read from a replica that lags, or another caller holds the entry: look again shortly.
                    await Task.WhenAny(waiter.Task, Task.Delay(_options.PollInterval, CancellationToken.None)).ConfigureAwait(false);
                }
            }

            return await waiter.Task.ConfigureAwait(false);
        }
        finally
        {
            _waiters.TryRemove(entry.Origin, out _);
        }
    }

    private byte[] Seal(RedisLogEntry entry)
    {
        var plain = new byte[RedisLogEntryCodec.EncodedLength(entry)];
        try
        {
            RedisLogEntryCodec.Encode(entry, plain);
            return _cipher.Seal(plain);
        }
        finally
        {
            Array.Clear(plain);
        }
    }

    // Millisecond precision, as receipts keep it.
    private DateTimeOffset Now() => DateTimeOffset.FromUnixTimeMilliseconds(_options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds());

    private int PartyNumber(string party)
    {
        var parties = Definition.Parties;
        for (var i = 0; i < parties.Count; i++)
        {
            if (string.Equals(parties[i], party, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
