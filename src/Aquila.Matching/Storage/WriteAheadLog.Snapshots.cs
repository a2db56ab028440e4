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
            long previous;
            lock (_lock)
            {
                ObjectDisposedException.ThrowIf(_disposed, this);
                if (lsn > _lastDurableLsn || lsn < _snapshotLsn || lsn < 1)
                {
                    throw new ArgumentOutOfRangeException(nameof(lsn), lsn,
                        $"A snapshot LSN must lie between the latest snapshot ({_snapshotLsn}) and the last durable LSN ({_lastDurableLsn}).");
                }

                previous = _snapshotLsn;
            }

            var deleted = await Task.Run(() => StoreSnapshot(lsn, previous, payload.Span), cancellationToken).ConfigureAwait(false);
            StorageLog.SnapshotWritten(_logger, lsn, payload.Length + WalSnapshotCodec.Overhead, deleted);
        }
        finally
        {
            _snapshotGate.Release();
        }
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
