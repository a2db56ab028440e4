namespace Aquila.Matching.Storage;

// The writer thread: takes the filling batch, writes it, flushes once, acknowledges every append in it.
public sealed partial class WriteAheadLog
{
    // How long the writer waits for the appenders of the previous batch to queue their next records.
    private static readonly long GatherTicks = System.Diagnostics.Stopwatch.Frequency / 20_000; // 50 µs

    private void WriterLoop()
    {
        var previousCount = 0;
        try
        {
            while (true)
            {
                GatherAppenders(previousCount);
                CommitBatch? batch = null;
                lock (_lock)
                {
                    if (_filling.RecordCount > 0)
                    {
                        batch = _filling;
                        _filling = _spare!;
                        _spare = null;
                    }
                    else if (_disposed)
                    {
                        return;
                    }
                }

                if (batch is null)
                {
                    _writerSignal.Wait();
                    continue;
                }

                previousCount = batch.RecordCount;
                Commit(batch);
                batch.Reset();
                lock (_lock)
                {
                    _spare = batch;
                }
            }
        }
        finally
        {
            _writerStopped.TrySetResult();
        }
    }

    // Appenders acknowledged by the last flush usually append again at once; without this short wait the writer would
    // take the first of them alone and the batches would alternate between small and large.
    private void GatherAppenders(int previousCount)
    {
        if (previousCount <= 1)
        {
            return;
        }

        var start = System.Diagnostics.Stopwatch.GetTimestamp();
        var spinner = default(SpinWait);
        while (Volatile.Read(ref _filling).RecordCount is > 0 and var count && count < previousCount
            && System.Diagnostics.Stopwatch.GetTimestamp() - start < GatherTicks)
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
    }

    private void Commit(CommitBatch batch)
    {
        Exception? fault;
        lock (_lock)
        {
            fault = _fault;
        }

        if (fault is not null)
        {
            batch.Completion.SetException(new IOException("The write-ahead log stopped after a failed flush to disk; reopen it.", fault));
            return;
        }

        var durableChunks = 0;
        try
        {
            foreach (var (segment, start, end) in batch.Chunks)
            {
                if (!ReferenceEquals(segment, _active))
                {
                    SwitchTo(segment);
                }

                Write(segment, batch.Bytes(start, end));
                if (!_options.SkipFlushForTesting)
                {
                    FlushOrFault(segment.File!);
                }

                lock (_lock)
                {
                    segment.DurableEnd = segment.WriteEnd;
                }

                durableChunks++;
            }

            lock (_lock)
            {
                _lastDurableLsn = batch.LastLsn;
            }

            Telemetry.MatchingMetrics.WalCommitted(batch.RecordCount);
            batch.Completion.SetResult();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            lock (_lock)
            {
                // Failed bytes will never be in these segments: give their room back to later appends.
                for (var i = durableChunks; i < batch.Chunks.Count; i++)
                {
                    var (segment, start, end) = batch.Chunks[i];
                    segment.PlannedEnd -= end - start;
                }
            }

            bool faulted;
            lock (_lock)
            {
                faulted = _fault is not null;
            }

            if (!faulted)
            {
                StorageLog.AppendFailed(_logger, ex, batch.RecordCount);
            }

            batch.Completion.SetException(ex is IOException ? ex : new IOException("Appending to the write-ahead log failed: " + ex.Message, ex));
        }
        catch (Exception ex)
        {
            // Anything else is a bug or a broken environment: stop rather than leave appenders waiting forever.
            SetFault(ex);
            batch.Completion.SetException(new IOException("The write-ahead log stopped after an unexpected error; reopen it.", ex));
        }
    }

    // Starts a segment: header, flush, directory flush — so the file and its header survive before any record goes in.
    private void SwitchTo(WalSegment segment)
    {
        if (segment.File is null)
        {
            var file = _fileSystem.CreateFile(segment.Path);
            try
            {
                Span<byte> header = stackalloc byte[WalSegmentHeader.Length];
                segment.Header.Write(header, _keys.KeyCheck);
                file.Write(0, header);
                file.FlushToDisk();
                _fileSystem.FlushDirectory(_directory);
            }
            catch
            {
                file.Dispose();
                throw;
            }

            segment.File = file;
            segment.WriteEnd = WalSegmentHeader.Length;
            lock (_lock)
            {
                segment.DurableEnd = WalSegmentHeader.Length;
                _segments.Add(segment);
            }

            StorageLog.SegmentStarted(_logger, segment.FileName, segment.BaseLsn);
        }

        if (_active is not null)
        {
            // Everything in it was flushed before this batch reached the new segment.
            _active.File?.Dispose();
            _active.File = null;
        }

        _active = segment;
    }

    private void Write(WalSegment segment, ReadOnlySpan<byte> bytes)
    {
        var file = segment.File!;
        try
        {
            file.Write(segment.WriteEnd, bytes);
            segment.WriteEnd += bytes.Length;
        }
        catch (IOException)
        {
            // A short write (disk full) may have left part of a record: cut back to the durable end so the next
            // records follow a clean tail. If even that fails, stop: the file's content is unknown.
            try
            {
                file.SetLength(segment.DurableEnd);
                file.FlushToDisk();
                segment.WriteEnd = segment.DurableEnd;
            }
            catch (Exception cleanup) when (cleanup is IOException or UnauthorizedAccessException)
            {
                SetFault(cleanup);
            }

            throw;
        }
    }

    private void FlushOrFault(IStorageFile file)
    {
        try
        {
            var started = Telemetry.MatchingMetrics.FsyncTimed ? System.Diagnostics.Stopwatch.GetTimestamp() : 0;
            file.FlushToDisk();
            if (started != 0)
            {
                Telemetry.MatchingMetrics.WalFsynced(started);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // After a failed fsync the kernel may have dropped the dirty pages; a retry could "succeed" on lost data.
            SetFault(ex);
            throw;
        }
    }

    private void SetFault(Exception ex)
    {
        bool first;
        lock (_lock)
        {
            first = _fault is null;
            _fault ??= ex;
        }

        if (first)
        {
            StorageLog.Faulted(_logger, ex);
        }
    }
}
