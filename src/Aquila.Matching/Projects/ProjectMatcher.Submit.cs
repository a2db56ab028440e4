using System.Buffers;
using System.Text;
using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

// Submitting a batch: validate, answer resends, re-key into one log record, and apply it once it is durable.
public sealed partial class ProjectMatcher
{
    private const int MaxLogPayload = 256 * 1024 * 1024;
    private const int MaxPooledPayload = 1024 * 1024;

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

        await _submitGate.WaitAsync(ct).ConfigureAwait(false);
        byte[]? payload = null;
        var payloadLength = 0;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var batchIdHex = Convert.ToHexStringLower(batchId.Span);
            var previous = ReceiptOf(partyNumber, batchId.Span);
            if (previous is not null)
            {
                return Resent(previous, party, batchIdHex, contentHash.Span, replace);
            }

            var length = (int)BatchRecordCodec.EncodedLength(Encoding.UTF8.GetByteCount(party), batch.RecordCount, batch.TokenCount);
            // Large batches get their own array: a pooled 100 MiB buffer would stay alive long after the batch.
            payload = length <= MaxPooledPayload ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);
            payloadLength = length;
            var acceptedAt = _options.TimeProvider.GetUtcNow();
            BatchRecordCodec.Encode(payload, party, batchId.Span, contentHash.Span, acceptedAt, batch, _rekeyer);

            long lsn;
            try
            {
                var type = replace ? ProjectRecordType.ReplacingBatch : ProjectRecordType.Batch;
                lsn = await _log.AppendAsync(type, payload.AsMemory(0, length), ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                ProjectLog.AppendFailed(_logger, e, Definition.ProjectId, batchIdHex, party);
                throw;
            }

            // Applied from the encoded record, exactly as a replay would, so live and replayed state cannot differ.
            var receipt = Apply(payload.AsMemory(0, length), lsn, replace, out var withdrawn);
            ProjectLog.BatchAccepted(_logger, Definition.ProjectId, batchIdHex, party, lsn, batch.RecordCount, batch.TokenCount, (int)receipt.NewHitEvents);
            if (withdrawn is not null)
            {
                ProjectLog.DataSetReplaced(_logger, Definition.ProjectId, batchIdHex, party, withdrawn.BatchIds.Count, withdrawn.Records, withdrawn.Hits);
            }

            await SnapshotIfDueAsync(length).ConfigureAwait(false);
            return new SubmitOutcome(SubmitStatus.Accepted, receipt, null) { Withdrawn = withdrawn };
        }
        finally
        {
            if (payload is not null)
            {
                // Handles and re-keyed tokens must not linger in pooled memory.
                Array.Clear(payload, 0, payloadLength);
                if (payload.Length <= MaxPooledPayload)
                {
                    ArrayPool<byte>.Shared.Return(payload);
                }
            }

            _submitGate.Release();
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

        var length = BatchRecordCodec.EncodedLength(Encoding.UTF8.GetByteCount(party), batch.RecordCount, batch.TokenCount);
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

        // Withdrawal events need the handles, which RemoveParty clears: build them first, publish them with the batch's.
        var withdrawals = replacing ? WithdrawParty(party) : null;
        record.FillBatch(_applying);
        var changes = _detector.AddBatch(party, _applying);
        // Every withdrawn hit involved the submitting party, so each one is also an event in its stream.
        var receipt = new BatchReceipt(
            record.Party, record.BatchId, record.ContentHash, record.RecordCount, record.TokenCount, lsn, record.AcceptedAt,
            changes.Count + (withdrawals?.Count ?? 0))
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

            foreach (var change in changes)
            {
                var hit = change.Hit;
                Publish(hit.PartyA, hit.OrdinalA, hit.PartyB, change);
                Publish(hit.PartyB, hit.OrdinalB, hit.PartyA, change);
                if (change.Kind == HitChangeKind.Updated)
                {
                    _hitsByBand[(int)change.PreviousBand]--;
                }

                _hitsByBand[(int)hit.Band]++;
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
