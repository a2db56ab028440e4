using System.Buffers;

namespace Aquila.Matching.Storage;

// Snapshots: temp file, flush, rename, directory flush; then covered segments and older snapshots go.
public sealed partial class WriteAheadLog
{
    /// <summary>
    /// Durably stores <paramref name="payload"/> as the state after every record up to and including <paramref name="lsn"/>,
    /// then deletes the segments whose records all have an LSN of at most <paramref name="lsn"/> and older snapshots.
    /// After a restart, <see cref="RecoveredSnapshot"/> returns it and replay starts at <c>lsn + 1</c>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lsn"/> is not yet durable or older than the latest snapshot.</exception>
    public async Task WriteSnapshotAsync(long lsn, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        if (payload.Length > WalRecordCodec.MaxPayloadLength)
        {
            WalThrow.PayloadTooLarge(payload.Length);
        }

        await _snapshotGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = CheckSnapshotLsn(lsn);
            var deleted = await Task.Run(() => StoreSnapshot(lsn, previous, payload.Span), cancellationToken).ConfigureAwait(false);
            StorageLog.SnapshotWritten(_logger, lsn, payload.Length + WalSnapshotCodec.Overhead, deleted);
        }
        finally
        {
            _snapshotGate.Release();
        }
    }

    /// <summary>
    /// Like <see cref="WriteSnapshotAsync(long, ReadOnlyMemory{byte}, CancellationToken)"/>, but the state is streamed:
    /// <paramref name="writeState"/> writes it to a buffer writer whose 1 MiB chunks are encrypted and written to the file
    /// as they fill (format version 2, no size limit, memory bounded by two chunks). It runs on a thread-pool thread
    /// and must not change while it runs; a span it asks for is at most 1 MiB.
    /// </summary>
    /// <returns>The number of payload bytes written.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="lsn"/> is not yet durable or older than the latest snapshot.</exception>
    public Task<long> WriteSnapshotAsync(long lsn, Action<IBufferWriter<byte>> writeState, CancellationToken cancellationToken = default) =>
        WriteSnapshotAsync(lsn, writeState, stateWritten: null, cancellationToken);

    /// <summary>
    /// <see cref="WriteSnapshotAsync(long, Action{IBufferWriter{byte}}, CancellationToken)"/>, calling
    /// <paramref name="stateWritten"/> as soon as <paramref name="writeState"/> has returned: from then on the caller's
    /// state may change again while the file is flushed to disk and published.
    /// </summary>
    public async Task<long> WriteSnapshotAsync(
        long lsn, Action<IBufferWriter<byte>> writeState, Action? stateWritten, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(writeState);
        await _snapshotGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var previous = CheckSnapshotLsn(lsn);
            var (deleted, fileBytes, payloadBytes) = await Task.Run(() => StoreStreamedSnapshot(lsn, previous, writeState, stateWritten), cancellationToken)
                .ConfigureAwait(false);
            StorageLog.SnapshotWritten(_logger, lsn, fileBytes, deleted);
            return payloadBytes;
        }
        finally
        {
            _snapshotGate.Release();
        }
    }

    /// <summary>
    /// Opens the payload of <see cref="RecoveredSnapshot"/> as a stream (either format). A damaged chunk makes a read throw
    /// <see cref="WalCorruptionException"/>. Valid until the next snapshot is written (which deletes this one).
    /// </summary>
    /// <exception cref="InvalidOperationException">There is no recovered snapshot.</exception>
    public Stream OpenRecoveredSnapshot()
    {
        var snapshot = RecoveredSnapshot ?? throw new InvalidOperationException("The log was opened without a snapshot.");
        if (!snapshot.IsStreamed)
        {
            return new MemoryStream(snapshot.Payload.ToArray(), writable: false);
        }

        var name = SnapshotName(snapshot.Lsn);
        var file = _fileSystem.OpenFile(Path.Combine(_directory, name), writable: false);
        try
        {
            return new WalSnapshotReader(file, _keys, snapshot.Lsn, name);
        }
        catch
        {
            file.Dispose();
            throw;
        }
    }

    private long CheckSnapshotLsn(long lsn)
    {
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (lsn > _lastDurableLsn || lsn < _snapshotLsn || lsn < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(lsn), lsn,
                    $"A snapshot LSN must lie between the latest snapshot ({_snapshotLsn}) and the last durable LSN ({_lastDurableLsn}).");
            }

            return _snapshotLsn;
        }
    }

    private (int Deleted, long FileBytes, long PayloadBytes) StoreStreamedSnapshot(
        long lsn, long previous, Action<IBufferWriter<byte>> writeState, Action? stateWritten)
    {
        var finalPath = Path.Combine(_directory, SnapshotName(lsn));
        var temporaryPath = finalPath + TemporaryExtension;
        long fileBytes, payloadBytes;
        using (var file = _fileSystem.CreateFile(temporaryPath))
        {
            using var writer = new WalSnapshotWriter(file, _keys, lsn);
            writeState(writer);
            stateWritten?.Invoke();
            writer.Complete();
            file.FlushToDisk();
            (fileBytes, payloadBytes) = (writer.FileLength, writer.PayloadLength);
        }

        return (PublishSnapshot(lsn, previous, temporaryPath, finalPath), fileBytes, payloadBytes);
    }

    private int StoreSnapshot(long lsn, long previous, ReadOnlySpan<byte> payload)
    {
        var name = SnapshotName(lsn);
        var finalPath = Path.Combine(_directory, name);
        var temporaryPath = finalPath + TemporaryExtension;
        var bytes = WalSnapshotCodec.Encode(_keys, lsn, payload);
        using (var file = _fileSystem.CreateFile(temporaryPath))
        {
            file.Write(0, bytes);
            file.FlushToDisk();
        }

        return PublishSnapshot(lsn, previous, temporaryPath, finalPath);
    }

    // Rename into place, make it durable, then let the covered segments and the older snapshot go.
    private int PublishSnapshot(long lsn, long previous, string temporaryPath, string finalPath)
    {
        _fileSystem.RenameFile(temporaryPath, finalPath);
        _fileSystem.FlushDirectory(_directory);

        var covered = new List<WalSegment>();
        lock (_lock)
        {
            _snapshotLsn = lsn;

            // A segment is covered when the next one starts at or before lsn + 1; the last segment never is.
            while (_segments.Count > 1 && _segments[1].BaseLsn <= lsn + 1)
            {
                covered.Add(_segments[0]);
                _segments.RemoveAt(0);
            }
        }

        foreach (var segment in covered)
        {
            _fileSystem.DeleteFile(segment.Path);
        }

        if (previous > 0 && previous != lsn)
        {
            _fileSystem.DeleteFile(Path.Combine(_directory, SnapshotName(previous)));
        }

        if (covered.Count > 0 || previous > 0)
        {
            _fileSystem.FlushDirectory(_directory);
        }

        return covered.Count;
    }
}
