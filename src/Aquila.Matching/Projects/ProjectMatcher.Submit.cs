using System.Text;
using Aquila.Matching.Index;
using Aquila.Matching.Storage;

namespace Aquila.Matching.Projects;

// Submitting a batch: validate, answer resends, re-key into one log record, and apply it once it is durable.
public sealed partial class ProjectMatcher
{
    private const int MaxLogPayload = 256 * 1024 * 1024;

    /// <summary>
    /// Submits one batch of <paramref name="party"/>. The tokens are re-keyed with K_server into the batch's log record
    /// (the <paramref name="batch"/> object itself is left as it is); once that record is durable the batch is indexed and
    /// <see cref="SubmitStatus.Accepted"/> returned with its receipt. A resend of an accepted batch id is answered from
    /// the receipt without adding anything.
    /// </summary>
    /// <param name="party">The caller's party code, already authenticated by the server.</param>
    /// <param name="batchId">16 bytes chosen by the node; a resend uses the same id.</param>
    /// <param name="contentHash">The 32-byte SHA-256 identifying the batch content.</param>
    /// <param name="batch">Handles and tokens as the node made them (not re-keyed).</param>
    /// <param name="ct">Honoured until the record is queued for the log; after that the batch is applied regardless.</param>
    /// <exception cref="IOException">The log could not be written (e.g. disk full): nothing was applied and the matcher stays
    /// usable; the batch may be resent.</exception>
    public Task<SubmitOutcome> SubmitAsync(
        string party, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, CancellationToken ct = default) =>
        SubmitCoreAsync(party, batchId, contentHash, batch, replace: false, ct);

    /// <summary>
    /// Submits one batch of <paramref name="party"/> that replaces the party's data set: in one log record, every earlier
    /// batch of the party is withdrawn (its postings leave the index, its hits are withdrawn from both parties' streams,
    /// its counts restart) and this batch becomes the new data set. Later batches submitted with
    /// <see cref="SubmitAsync"/> add to it. A crash leaves either the old data set or the new one, never a mix.
    /// </summary>
    /// <remarks>The earlier batches' receipts stay readable with <see cref="BatchReceipt.IsReplaced"/> set; submitting one
    /// of their ids again gives <see cref="SubmitStatus.Replaced"/>. A resend of this batch (same id, same content, again
    /// as a replacement) is answered from its receipt without withdrawing anything.</remarks>
    /// <inheritdoc cref="SubmitAsync" path="/param"/>
    /// <inheritdoc cref="SubmitAsync" path="/exception"/>
    public Task<SubmitOutcome> ReplaceDataSetAsync(
        string party, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, CancellationToken ct = default) =>
        SubmitCoreAsync(party, batchId, contentHash, batch, replace: true, ct);

    // The submission gate is held only while a batch is checked against the receipts, encoded and given its place in
    // the log; the flush and the indexing happen after it is released, so the next batch is encoded and queued while
    // this one is written, and one is indexed while the next is flushed. Batches are applied in log order (QueuedBatch).
    private async Task<SubmitOutcome> SubmitCoreAsync(
        string party, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, bool replace, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(party);
        ArgumentNullException.ThrowIfNull(batch);
        var partyNumber = PartyNumber(party);
        var problem = Check(party, partyNumber, batchId.Span, contentHash.Span, batch);
        if (problem is not null)
        {
            ProjectLog.BatchRefused(_logger, Definition.ProjectId, party, problem);
            return new SubmitOutcome(SubmitStatus.Refused, null, problem);
        }

        var batchIdHex = Convert.ToHexStringLower(batchId.Span);
        using var span = Telemetry.MatchingActivities.StartSubmit(Definition.ProjectId, party, batchIdHex);
        while (true)
        {
            (SubmitOutcome? Answer, Task? SameBatchInFlight, QueuedBatch? Batch) queued;
            using (Telemetry.MatchingActivities.StartStage("encode", Definition.ProjectId))
            {
                queued = await QueueAsync(party, partyNumber, batchId, contentHash, batch, replace, batchIdHex, ct).ConfigureAwait(false);
            }

            if (queued.Answer is { } answer)
            {
                return answer;
            }

            if (queued.SameBatchInFlight is { } inFlight)
            {
                // A resend while the first copy is still being written: wait for it, then answer from its receipt.
                await inFlight.ConfigureAwait(false);
                continue;
            }

            return await CompleteAsync(party, partyNumber, batchId, batch, queued.Batch!, batchIdHex).ConfigureAwait(false);
        }
    }

    private async Task<(SubmitOutcome? Answer, Task? SameBatchInFlight, QueuedBatch? Batch)> QueueAsync(
        string party, int partyNumber, ReadOnlyMemory<byte> batchId, ReadOnlyMemory<byte> contentHash, TokenBatch batch, bool replace,
        string batchIdHex, CancellationToken ct)
    {
        await _submitGate.WaitAsync(ct).ConfigureAwait(false);
        byte[]? payload = null;
        var length = 0;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var key = ReceiptKey.Of(partyNumber, batchId.Span);
            lock (_state)
            {
                if (_receipts.GetValueOrDefault(key) is { } previous)
                {
                    return (Resent(previous, party, batchIdHex, contentHash.Span, replace), null, null);
                }

                if (_inFlight.TryGetValue(key, out var sameBatch))
                {
                    return (null, sameBatch.Settled, null);
                }
            }

            ct.ThrowIfCancellationRequested();
            length = (int)BatchRecordCodec.EncodedLength(Encoding.UTF8.GetByteCount(party), batch, _scoring is not null);
            // Large batches get their own array: a pooled 100 MiB buffer would stay alive long after the batch.
            payload = RecordBuffers.Rent(length);
            var acceptedAt = _options.TimeProvider.GetUtcNow();
            // Stage-2 block entries are kept only by a project that scores (its schema has a scoring section).
            BatchRecordCodec.Encode(payload, party, batchId.Span, contentHash.Span, acceptedAt, batch, _rekeyer, _scoring is not null);

            var type = replace ? ProjectRecordType.ReplacingBatch : ProjectRecordType.Batch;
            var append = _log.AppendAsync(type, payload.AsMemory(0, length), CancellationToken.None).AsTask();
            var queued = new QueuedBatch(payload, length, replace, append);

            // Refused before it was given an LSN (the log is unusable): the await in CompleteAsync throws; nothing to apply.
            if (append.IsCompletedSuccessfully || !append.IsCompleted)
            {
                lock (_unapplied)
                {
                    _unapplied.Enqueue(queued);
                }

                _lastQueued = queued;
                lock (_state)
                {
                    _inFlight[key] = queued;
                }
            }

            payload = null; // CompleteAsync returns it
            return (null, null, queued);
        }
        finally
        {
            if (payload is not null)
            {
                RecordBuffers.ClearAndReturn(payload, length);
            }

            _submitGate.Release();
        }
    }

    private async Task<SubmitOutcome> CompleteAsync(
        string party, int partyNumber, ReadOnlyMemory<byte> batchId, TokenBatch batch, QueuedBatch queued, string batchIdHex)
    {
        try
        {
            long lsn;
            try
            {
                using var wal = Telemetry.MatchingActivities.StartStage("wal", Definition.ProjectId);
                lsn = await queued.Append.ConfigureAwait(false);
            }
            catch (Exception e)
            {
                ProjectLog.AppendFailed(_logger, e, Definition.ProjectId, batchIdHex, party);
                throw;
            }

            Task? snapshot;
            await _applyGate.WaitAsync().ConfigureAwait(false);
            try
            {
                using (Telemetry.MatchingActivities.StartStage("index", Definition.ProjectId))
                {
                    await ApplyQueuedAsync(queued).ConfigureAwait(false);
                }

                if (queued.AppliedLsn != lsn)
                {
                    throw new InvalidOperationException(
                        $"Project {Definition.ProjectId}: batch {batchIdHex} was logged at LSN {lsn} but applied as LSN {queued.AppliedLsn}.");
                }

                snapshot = await StartSnapshotIfDueAsync(queued.Length).ConfigureAwait(false);
            }
            finally
            {
                _applyGate.Release();
            }

            if (snapshot is not null)
            {
                // Later batches are applied while this snapshot is flushed; this batch's answer waits for it.
                await snapshot.ConfigureAwait(false);
            }

            var receipt = queued.Receipt!;
            ProjectLog.BatchAccepted(_logger, Definition.ProjectId, batchIdHex, party, lsn, batch.RecordCount, batch.TokenCount, (int)receipt.NewHitEvents);
            if (queued.Withdrawn is { } withdrawn)
            {
                ProjectLog.DataSetReplaced(_logger, Definition.ProjectId, batchIdHex, party, withdrawn.BatchIds.Count, withdrawn.Records, withdrawn.Hits);
            }

            return new SubmitOutcome(SubmitStatus.Accepted, receipt, null) { Withdrawn = queued.Withdrawn };
        }
        finally
        {
            queued.MarkFailed(); // no-op once applied; otherwise nobody waits for a batch that will never be applied
            lock (_state)
            {
                _inFlight.Remove(ReceiptKey.Of(partyNumber, batchId.Span));
            }

            queued.ReturnPayload();
        }
    }

    // Under the apply gate: applies every queued batch up to and including `until`, in log order. `until` is durable,
    // so every record queued before it has been written or has failed (the log flushes in order): a failed one is not in
    // the log and is skipped, as a replay would skip it.
    private async Task ApplyQueuedAsync(QueuedBatch until)
    {
        while (!until.IsApplied && NextQueued() is { } next)
        {
            if (_applyFault is { } fault)
            {
                throw new InvalidOperationException($"Project {Definition.ProjectId} stopped applying batches after an earlier failure; reopen it.", fault);
            }

            long lsn;
            try
            {
                lsn = await next.Append.ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException)
            {
                DequeueApplied();
                next.MarkFailed();
                continue;
            }

            try
            {
                var receipt = Apply(next.Payload.AsMemory(0, next.Length), lsn, next.Replacing, out var withdrawn);
                next.MarkApplied(lsn, receipt, withdrawn);
                Telemetry.MatchingMetrics.BatchApplied(Definition.ProjectId, receipt.Tokens);
            }
            catch (Exception e)
            {
                // The state may be half changed: stop here rather than apply later batches on top of it.
                _applyFault = e;
                next.MarkFailed();
                throw;
            }
            finally
            {
                DequeueApplied();
            }
        }
    }

    private QueuedBatch? NextQueued()
    {
        lock (_unapplied)
        {
            return _unapplied.TryPeek(out var next) ? next : null;
        }
    }

    private void DequeueApplied()
    {
        lock (_unapplied)
        {
            _unapplied.Dequeue();
        }
    }

    /// <summary>The receipt of an accepted batch of <paramref name="party"/>, or null (also for a party not in the roster).</summary>
    public BatchReceipt? FindReceipt(string party, ReadOnlySpan<byte> batchId)
    {
        ArgumentNullException.ThrowIfNull(party);
        var number = PartyNumber(party);
        return number < 0 || batchId.Length != BatchRecordCodec.BatchIdSize ? null : ReceiptOf(number, batchId);
    }

    private BatchReceipt? ReceiptOf(int party, ReadOnlySpan<byte> batchId)
    {
        lock (_state)
        {
            return _receipts.GetValueOrDefault(ReceiptKey.Of(party, batchId));
        }
    }

    private SubmitOutcome Resent(BatchReceipt previous, string party, string batchIdHex, ReadOnlySpan<byte> contentHash, bool replace)
    {
        if (previous.IsReplaced)
        {
            ProjectLog.BatchOfReplacedDataSet(_logger, Definition.ProjectId, batchIdHex, party);
            return new SubmitOutcome(SubmitStatus.Replaced, null,
                $"Batch {batchIdHex} belonged to a data set that batch {Convert.ToHexStringLower(previous.ReplacedBy.Span)} replaced; "
                + "it is not added again. To submit its records again, tokenise them again (a new batch id).");
        }

        if (!previous.ContentHash.Span.SequenceEqual(contentHash))
        {
            ProjectLog.BatchConflict(_logger, Definition.ProjectId, batchIdHex, party);
            return new SubmitOutcome(SubmitStatus.Conflict, null,
                $"Batch {batchIdHex} was already accepted with other content. Resend the original content, or use a new batch id.");
        }

        if (previous.ReplacesEarlier != replace)
        {
            ProjectLog.BatchConflict(_logger, Definition.ProjectId, batchIdHex, party);
            var was = previous.ReplacesEarlier ? "as a replacement of the data set" : "as an addition to the data set";
            return new SubmitOutcome(SubmitStatus.Conflict, null,
                $"Batch {batchIdHex} was already accepted {was}; it is not applied a second way. "
                + "To use the same records the other way, tokenise them again (a new batch id).");
        }

        ProjectLog.BatchResent(_logger, Definition.ProjectId, batchIdHex, party);
        return new SubmitOutcome(SubmitStatus.AlreadyAccepted, previous, null);
    }

    // Returns why the batch cannot be accepted, or null. Messages hold counts and positions, never values.
    private string? Check(string party, int partyNumber, ReadOnlySpan<byte> batchId, ReadOnlySpan<byte> contentHash, TokenBatch batch)
    {
        if (SubmissionRules.Check(Definition, _options.MaxBatchRecords, party, partyNumber, batchId, contentHash, batch) is { } problem)
        {
            return problem;
        }

        if (_scoring is not null && _scoring.CheckBatch(batch) is { } stage2Problem)
        {
            return stage2Problem;
        }

        var length = BatchRecordCodec.EncodedLength(Encoding.UTF8.GetByteCount(party), batch, _scoring is not null);
        return length > MaxLogPayload
            ? $"The batch needs {length} bytes in the log; at most {MaxLogPayload} fit in one record. Split it into several batches."
            : null;
    }

    // Indexes one durable batch record and publishes its hit events and receipt; a replacing record first withdraws the
    // party's earlier data set. Used by submissions and by replay.
    private BatchReceipt Apply(ReadOnlyMemory<byte> payload, long lsn, bool replacing, out WithdrawnDataSet? withdrawn)
    {
        var record = BatchRecordCodec.Decode(payload);
        var party = PartyNumber(record.Party);
        if (party < 0)
        {
            throw new InvalidDataException($"The log of project {Definition.ProjectId} holds a batch of party {record.Party}, which is not in the roster.");
        }

        if (replacing)
        {
            DrainStage2(); // the party's queued postings go in before its data set is withdrawn
        }

        // Withdrawal events need the handles, which RemoveParty clears: build them first, publish them with the batch's.
        var withdrawals = replacing ? WithdrawParty(party) : null;
        record.FillBatch(_applying);
        var changes = ReleasedNow(_detector.AddBatch(party, _applying));
        // Stage 2: the batch's block entries join the candidate index (before Matching, by the stage-2 worker after the
        // acknowledgement); once scoring has started, new candidates are scored with the recorded model as they come.
        var live = AddStage2(party);
        List<HitChange>? stage2 = null;
        if (live is { Count: > 0 } && _scoring!.Model is not null)
        {
            lock (_state)
            {
                stage2 = Stage2Changes(live);
            }
        }

        // Every withdrawn hit involved the submitting party, so each one is also an event in its stream.
        var receipt = new BatchReceipt(
            record.Party, record.BatchId, record.ContentHash, record.RecordCount, record.TokenCount, lsn, record.AcceptedAt,
            changes.Count + (stage2?.Count ?? 0) + (withdrawals?.Count ?? 0))
        {
            ReplacesEarlier = replacing,
        };

        withdrawn = null;
        lock (_state)
        {
            Span<int> before = stackalloc int[_parties.Length];
            for (var i = 0; i < before.Length; i++)
            {
                before[i] = _parties[i].Events.Count;
            }

            var state = _parties[party];
            if (withdrawals is not null)
            {
                withdrawn = PublishWithdrawals(party, withdrawals, record.BatchId, lsn);
                state.Batches = 0;
                state.Records = 0;
                state.Tokens = 0;
            }

            PublishEach(changes);

            if (stage2 is not null)
            {
                PublishChanges(stage2);
            }

            state.Batches++;
            state.Records += record.RecordCount;
            state.Tokens += record.TokenCount;
            for (var i = 0; i < _parties.Length; i++)
            {
                _parties[i].SuppressedTokens = _detector.SuppressedTokenCount(i);
            }

            _receipts[ReceiptKey.Of(party, record.BatchId)] = receipt;
            for (var i = 0; i < before.Length; i++)
            {
                if (_parties[i].Events.Count > before[i])
                {
                    _parties[i].SignalGrown();
                }
            }
        }

        _applying.Clear();
        _appliedLsn = lsn;
        return receipt;
    }

    private void Publish(int party, int ordinal, int otherParty, in HitChange change)
    {
        var hit = change.Hit;
        var handle = _detector.GetHandles(party).GetHandle(ordinal);
        _parties[party].Add(new HitEventEntry(hit.Id, handle, hit.KeyMask, otherParty, hit.Band, change.Kind));
    }
}
