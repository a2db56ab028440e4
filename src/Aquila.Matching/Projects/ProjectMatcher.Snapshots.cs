using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

// Snapshots: the whole in-memory state at an LSN, streamed into the log, so a restart replays only later records.
public sealed partial class ProjectMatcher
{
    private long _appliedLsn;
    private long _snapshotLsn;
    private long _bytesSinceSnapshot; // Interlocked: a failed snapshot gives its bytes back outside the apply gate
    private long _bytesCovered; // batch bytes applied since opening that the latest snapshot covers
    private Task<long>? _snapshotInFlight;

    /// <summary>The LSN of the latest snapshot (0 when there is none): a restart replays only the records after it.</summary>
    public long SnapshotLsn
    {
        get
        {
            lock (_state)
            {
                return _snapshotLsn;
            }
        }
    }

    /// <summary>
    /// Writes a snapshot of the current state now (waiting for an in-flight submission; submissions wait meanwhile) and
    /// lets the log delete the segments it covers. Does nothing when no batch was accepted since the latest snapshot.
    /// </summary>
    /// <returns>The LSN the snapshot holds.</returns>
    /// <exception cref="IOException">The snapshot could not be written; the previous snapshot and the log stay valid.</exception>
    public async Task<long> WriteSnapshotAsync(CancellationToken ct = default)
    {
        await _submitGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await DrainQueuedAsync().ConfigureAwait(false);
            await _applyGate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                return await (await StartSnapshotAsync(ct).ConfigureAwait(false)).ConfigureAwait(false);
            }
            finally
            {
                _applyGate.Release();
            }
        }
        finally
        {
            _submitGate.Release();
        }
    }

    // Under the submission gate (nothing new is queued): waits until every queued batch is applied, or failed.
    private async Task DrainQueuedAsync()
    {
        if (_lastQueued is { } last)
        {
            await last.Settled.ConfigureAwait(false);
        }
    }

    // Under the apply gate: streams the state as of the last applied batch into the log's snapshot file and returns once
    // it is streamed (the caller may release the gate then); the returned task completes once the snapshot is durable and
    // published. The apply gate is what keeps the state still while it is streamed.
    private async Task<Task<long>> StartSnapshotAsync(CancellationToken ct)
    {
        await WaitForSnapshotInFlightAsync().ConfigureAwait(false);
        var lsn = _appliedLsn;
        if (lsn <= _snapshotLsn)
        {
            return Task.FromResult(_snapshotLsn);
        }

        // The snapshot holds stage 2 as of the same LSN: the worker's backlog is done first, and the worker waits while the
        // state is streamed.
        await HoldStage2Async(ct).ConfigureAwait(false);
        try
        {
            var started = Stopwatch.GetTimestamp();
            var tail = Interlocked.Exchange(ref _bytesSinceSnapshot, 0);
            var streamed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var writing = _log.WriteSnapshotAsync(lsn, output => WriteState(output, lsn), () => streamed.TrySetResult(), ct);
            var completion = FinishSnapshotAsync(writing, lsn, tail, started);
            _snapshotInFlight = completion;
            await Task.WhenAny(streamed.Task, writing).ConfigureAwait(false);
            return completion;
        }
        finally
        {
            ReleaseStage2();
        }
    }

    private async Task<long> FinishSnapshotAsync(Task<long> writing, long lsn, long tail, long started)
    {
        long bytes;
        try
        {
            bytes = await writing.ConfigureAwait(false);
        }
        catch
        {
            // Not written: those batch bytes still count towards the next one.
            Interlocked.Add(ref _bytesSinceSnapshot, tail);
            throw;
        }

        lock (_state)
        {
            _snapshotLsn = lsn;
        }

        _bytesCovered += tail;
        var elapsed = Stopwatch.GetElapsedTime(started);
        Telemetry.MatchingMetrics.SnapshotWritten(Definition.ProjectId, bytes, elapsed);
        ProjectLog.SnapshotWritten(_logger, Definition.ProjectId, lsn, bytes, (long)elapsed.TotalMilliseconds);
        return lsn;
    }

    private async Task WaitForSnapshotInFlightAsync()
    {
        if (_snapshotInFlight is { IsCompleted: false } inFlight)
        {
            try
            {
                await inFlight.ConfigureAwait(false);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Logged by whoever started it.
            }
        }
    }

    // Under the apply gate, after a batch is applied: starts a snapshot once the batch bytes since the latest one reach
    // SnapshotEveryBytes and also the bytes the latest one covers (so snapshots grow apart as the state grows, and
    // writing them costs about twice the final state in all, not a full state every 256 MiB). Returns once the state is
    // streamed, with a task for the rest that does not throw (a failure is logged and the next batch tries again), or null.
    private async Task<Task?> StartSnapshotIfDueAsync(int batchBytes)
    {
        var since = Interlocked.Add(ref _bytesSinceSnapshot, batchBytes);
        if (_options.SnapshotEveryBytes <= 0 || since < Math.Max(_options.SnapshotEveryBytes, _bytesCovered)
            || _snapshotInFlight is { IsCompleted: false })
        {
            return null;
        }

        try
        {
            return LogIfFailedAsync(await StartSnapshotAsync(CancellationToken.None).ConfigureAwait(false));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ProjectLog.SnapshotFailed(_logger, e, Definition.ProjectId, _appliedLsn);
            return null;
        }
    }

    private async Task LogIfFailedAsync(Task<long> snapshot)
    {
        try
        {
            await snapshot.ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ProjectLog.SnapshotFailed(_logger, e, Definition.ProjectId, _appliedLsn);
        }
    }

    private async Task SnapshotOnCloseAsync()
    {
        try
        {
            await (await StartSnapshotAsync(CancellationToken.None).ConfigureAwait(false)).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ProjectLog.SnapshotFailed(_logger, e, Definition.ProjectId, _appliedLsn);
        }
    }

    /// <summary>The LSN of the last record applied to the in-memory state.</summary>
    internal long AppliedLsn => _appliedLsn;

    /// <summary>Writes the whole state as of <paramref name="lsn"/>; the caller makes sure nothing is applied meanwhile.</summary>
    internal void WriteState(IBufferWriter<byte> output, long lsn)
    {
        var writer = new StateWriter(output);
        writer.WriteBytes(ProjectSnapshotFormat.Magic);
        writer.WriteInt32(ProjectSnapshotFormat.Version);
        writer.WriteInt64(lsn);
        var definition = DefinitionRecordCodec.Encode(Definition);
        writer.WriteInt32(definition.Length);
        writer.WriteBytes(definition);

        writer.WriteInt32(_parties.Length);
        foreach (var party in _parties)
        {
            writer.WriteInt64(party.Batches);
            writer.WriteInt64(party.Records);
            writer.WriteInt64(party.Tokens);
            writer.WriteInt32(party.Events.Count);
            foreach (ref readonly var e in CollectionsMarshal.AsSpan(party.Events))
            {
                var span = writer.Reserve(ProjectSnapshotFormat.EventBytes);
                e.HitId.WriteTo(span);
                e.OwnHandle.WriteTo(span[16..]);
                BinaryPrimitives.WriteUInt64LittleEndian(span[32..], e.KeyMask);
                span[40] = (byte)e.OtherParty;
                span[41] = BandCodes.ToByte(e.Band);
                span[42] = (byte)e.Kind;
                writer.Advance(ProjectSnapshotFormat.EventBytes);
            }
        }

        writer.WriteInt32(HitsByBand.Slots);
        foreach (var count in _hitsByBand.Counts)
        {
            writer.WriteInt64(count);
        }

        writer.WriteInt32(_receipts.Count);
        foreach (var (key, receipt) in _receipts)
        {
            var span = writer.Reserve(ProjectSnapshotFormat.ReceiptBytes);
            span[0] = (byte)key.Party;
            receipt.BatchId.Span.CopyTo(span[1..]);
            receipt.ContentHash.Span.CopyTo(span[17..]);
            BinaryPrimitives.WriteInt64LittleEndian(span[49..], receipt.Records);
            BinaryPrimitives.WriteInt64LittleEndian(span[57..], receipt.Tokens);
            BinaryPrimitives.WriteInt64LittleEndian(span[65..], receipt.Lsn);
            BinaryPrimitives.WriteInt64LittleEndian(span[73..], receipt.AcceptedAt.ToUnixTimeMilliseconds());
            BinaryPrimitives.WriteInt64LittleEndian(span[81..], receipt.NewHitEvents);
            span[89] = receipt.ReplacesEarlier ? (byte)1 : (byte)0;
            BinaryPrimitives.WriteInt64LittleEndian(span[90..], receipt.ReplacedAtLsn);
            var replacedBy = span.Slice(98, BatchRecordCodec.BatchIdSize);
            replacedBy.Clear();
            receipt.ReplacedBy.Span.CopyTo(replacedBy);
            writer.Advance(ProjectSnapshotFormat.ReceiptBytes);
        }

        _detector.WriteState(writer);
        // Version 4: stage 2 (issue 16), a flag and, when the project scores, its postings, candidates and model; version 5
        // adds the block order of each posting and the comparing block of each candidate.
        writer.WriteByte(_scoring is null ? (byte)0 : (byte)1);
        _scoring?.WriteState(writer);
        writer.WriteBytes(ProjectSnapshotFormat.EndMarker);
    }

    // Loads a snapshot into this matcher, which is new (nothing applied yet).
    private void ReadState(Stream input, long lsn)
    {
        var reader = new StateReader(input);
        if (!reader.Fill(8).SequenceEqual(ProjectSnapshotFormat.Magic))
        {
            StateReader.ThrowBad("it is not a project snapshot");
        }

        var version = reader.ReadInt32();
        if (version is < ProjectSnapshotFormat.FirstVersion or > ProjectSnapshotFormat.Version)
        {
            throw new InvalidDataException(
                $"The snapshot of project {Definition.ProjectId} has format version {version}; this version reads "
                + $"{ProjectSnapshotFormat.FirstVersion} to {ProjectSnapshotFormat.Version}.");
        }

        if (reader.ReadInt64() != lsn)
        {
            StateReader.ThrowBad("it holds another LSN than the log says");
        }

        var definition = new byte[reader.ReadCount(1024 * 1024, "definition byte")];
        reader.ReadBytes(definition);
        DefinitionRecordCodec.VerifySame(definition, Definition);

        if (reader.ReadCount(_parties.Length, "party") != _parties.Length)
        {
            StateReader.ThrowBad("it was written for another number of parties");
        }

        foreach (var party in _parties)
        {
            ReadParty(reader, party);
        }

        if (reader.ReadCount(HitsByBand.Slots, "band") != HitsByBand.Slots)
        {
            StateReader.ThrowBad("it counts hits in other bands");
        }

        var counts = _hitsByBand.Counts;
        for (var i = 0; i < counts.Length; i++)
        {
            counts[i] = reader.ReadInt64();
        }

        var receipts = reader.ReadCount(Array.MaxLength, "receipt");
        _receipts.EnsureCapacity(receipts);
        for (var i = 0; i < receipts; i++)
        {
            ReadReceipt(reader, version);
        }

        _detector.ReadState(reader, version);
        if (version >= ProjectSnapshotFormat.Stage2Version)
        {
            var scored = reader.ReadByte();
            if (scored != (_scoring is null ? 0 : 1))
            {
                StateReader.ThrowBad("its stage-2 part does not fit the project's schema");
            }

            _scoring?.ReadState(reader, version >= ProjectSnapshotFormat.BlockOrderVersion);
        }

        if (!reader.Fill(8).SequenceEqual(ProjectSnapshotFormat.EndMarker))
        {
            StateReader.ThrowBad("its end marker is missing");
        }

        for (var i = 0; i < _parties.Length; i++)
        {
            _parties[i].SuppressedTokens = _detector.SuppressedTokenCount(i);
        }

        _appliedLsn = _snapshotLsn = lsn;
    }

    private void ReadParty(StateReader reader, PartyState party)
    {
        party.Batches = reader.ReadInt64();
        party.Records = reader.ReadInt64();
        party.Tokens = reader.ReadInt64();
        var count = reader.ReadCount(Array.MaxLength, "hit event");
        CollectionsMarshal.SetCount(party.Events, count);
        var events = CollectionsMarshal.AsSpan(party.Events);
        const int PerFill = StateReader.MaxFill / ProjectSnapshotFormat.EventBytes;
        for (var first = 0; first < count; first += PerFill)
        {
            var n = Math.Min(PerFill, count - first);
            var block = reader.Fill(n * ProjectSnapshotFormat.EventBytes);
            for (var i = 0; i < n; i++)
            {
                var span = block.Slice(i * ProjectSnapshotFormat.EventBytes, ProjectSnapshotFormat.EventBytes);
                var other = span[40];
                if (other >= _parties.Length)
                {
                    StateReader.ThrowBad($"hit event {first + i + 1} of party {party.Code} names no party of the roster");
                }

                var kind = (HitChangeKind)span[42];
                if (kind > HitChangeKind.Withdrawn)
                {
                    StateReader.ThrowBad($"hit event {first + i + 1} of party {party.Code} has an unknown kind");
                }

                if (!BandCodes.TryRead(span[41], out var band))
                {
                    StateReader.ThrowBad($"hit event {first + i + 1} of party {party.Code} has no band");
                }

                events[first + i] = new HitEventEntry(
                    HitId.Read(span[..16]), RecordHandle.Read(span[16..32]), BinaryPrimitives.ReadUInt64LittleEndian(span[32..]),
                    other, band, kind);
                if (kind == HitChangeKind.Withdrawn)
                {
                    party.LastWithdrawal[events[first + i].HitId] = first + i;
                }
            }
        }
    }

    private void ReadReceipt(StateReader reader, int version)
    {
        var span = reader.Fill(version == 1 ? ProjectSnapshotFormat.ReceiptBytesVersion1 : ProjectSnapshotFormat.ReceiptBytes);
        var party = span[0];
        if (party >= _parties.Length)
        {
            StateReader.ThrowBad("a receipt names no party of the roster");
        }

        var batchId = span.Slice(1, BatchRecordCodec.BatchIdSize).ToArray();
        var receipt = new BatchReceipt(
            _parties[party].Code,
            batchId,
            span.Slice(17, BatchRecordCodec.ContentHashSize).ToArray(),
            BinaryPrimitives.ReadInt64LittleEndian(span[49..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[57..]),
            BinaryPrimitives.ReadInt64LittleEndian(span[65..]),
            DateTimeOffset.FromUnixTimeMilliseconds(BinaryPrimitives.ReadInt64LittleEndian(span[73..])),
            BinaryPrimitives.ReadInt64LittleEndian(span[81..]));
        if (version > 1)
        {
            if (span[89] > 1)
            {
                StateReader.ThrowBad("a receipt has unknown flags");
            }

            var replacedAt = BinaryPrimitives.ReadInt64LittleEndian(span[90..]);
            receipt = receipt with
            {
                ReplacesEarlier = span[89] == 1,
                ReplacedAtLsn = replacedAt,
                ReplacedBy = replacedAt > 0 ? span.Slice(98, BatchRecordCodec.BatchIdSize).ToArray() : ReadOnlyMemory<byte>.Empty,
            };
        }

        if (!_receipts.TryAdd(ReceiptKey.Of(party, batchId), receipt))
        {
            StateReader.ThrowBad("it holds a receipt twice");
        }
    }
}
