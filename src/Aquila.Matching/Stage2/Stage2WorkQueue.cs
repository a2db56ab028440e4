using System.Diagnostics;

namespace Aquila.Matching.Stage2;

/// <summary>
/// The stage-2 work of acknowledged batches that one background worker per project has not done yet (issue 16): a
/// batch is acknowledged once durable and its stage-1 part applied; its block entries are indexed, paired and compared
/// here, strictly in log order. Whoever needs the whole stage-2 state (a snapshot, the EM fit, a withdrawal, a reader
/// of the figures) takes the gate and does what is left itself, so the work is done once and in order either way.
/// </summary>
/// <remarks>The gate is held while one item is processed; the queue's own lock only while items are added or removed.
/// Processing an item never takes the matcher's locks other than through <c>process</c>.</remarks>
internal sealed class Stage2WorkQueue
{
    private readonly Queue<DeferredBlocks> _queue = new(); // under itself
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly SemaphoreSlim _signal = new(0, int.MaxValue);
    private readonly CancellationTokenSource _stop = new();
    private readonly Action<DeferredBlocks> _process;
    private readonly long _maxRecords;
    private long _records; // under _queue
    private Exception? _fault; // set once, read under the gate or racily (then it is only a hint)
    private Task _worker = Task.CompletedTask;

    /// <param name="process">Does one item's stage-2 work (called under the gate, in queue order).</param>
    /// <param name="maxRecords">Records queued beyond which <see cref="Add"/> does work itself until the backlog is back under it.</param>
    public Stage2WorkQueue(Action<DeferredBlocks> process, long maxRecords)
    {
        _process = process;
        _maxRecords = maxRecords;
    }

    /// <summary>Starts the worker.</summary>
    public void Start() => _worker = Task.Run(RunAsync);

    /// <summary>The work that failed (the stage-2 state may be half changed), or null.</summary>
    public Exception? Fault => Volatile.Read(ref _fault);

    /// <summary>Batches and records waiting, and the age of the oldest (zero when none).</summary>
    public (int Batches, long Records, TimeSpan OldestAge) Figures
    {
        get
        {
            lock (_queue)
            {
                return _queue.TryPeek(out var oldest)
                    ? (_queue.Count, _records, Stopwatch.GetElapsedTime(oldest.QueuedAt))
                    : (0, 0, TimeSpan.Zero);
            }
        }
    }

    /// <summary>
    /// Queues one batch's stage-2 work for the worker. Past the record cap the caller processes the oldest items itself
    /// until the backlog fits again (back-pressure: the acknowledgement then waits for stage 2, as without the worker).
    /// </summary>
    public void Add(DeferredBlocks item)
    {
        ThrowIfFaulted();
        bool over;
        lock (_queue)
        {
            _queue.Enqueue(item);
            _records += item.Records;
            over = _records > _maxRecords;
        }

        _signal.Release();
        if (over)
        {
            _gate.Wait();
            try
            {
                while (RecordsWaiting > _maxRecords && ProcessOldest())
                {
                }
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Does every queued item now, on the calling thread (waits for the worker's current one first).</summary>
    public void Drain()
    {
        _gate.Wait();
        try
        {
            DrainHeld();
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Takes the gate (the worker stops between items until <see cref="Release"/>) and does every queued item, so the
    /// stage-2 state is complete and stays still: for a snapshot that streams it, or the fit.
    /// </summary>
    public async Task HoldAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            DrainHeld();
        }
        catch
        {
            _gate.Release();
            throw;
        }
    }

    /// <summary>Takes the gate without doing anything (tests: the worker falls behind until <see cref="Release"/>).</summary>
    internal Task PauseAsync() => _gate.WaitAsync();

    /// <summary>Ends a <see cref="HoldAsync"/> or <see cref="PauseAsync"/>.</summary>
    public void Release() => _gate.Release();

    /// <summary>Stops the worker after its current item; queued items stay (a replay redoes them from the log).</summary>
    public async Task StopAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _worker.ConfigureAwait(false);
    }

    private long RecordsWaiting
    {
        get
        {
            lock (_queue)
            {
                return _records;
            }
        }
    }

    private void DrainHeld()
    {
        ThrowIfFaulted();
        while (ProcessOldest())
        {
        }
    }

    // Under the gate: processes the oldest item and then removes it (so the figures count it until it is done).
    private bool ProcessOldest()
    {
        DeferredBlocks? item;
        lock (_queue)
        {
            if (!_queue.TryPeek(out item))
            {
                return false;
            }
        }

        try
        {
            _process(item);
        }
        catch (Exception e)
        {
            // The state may be half changed: nothing more is applied on top of it.
            Volatile.Write(ref _fault, e);
            throw;
        }

        lock (_queue)
        {
            _queue.Dequeue();
            _records -= item.Records;
        }

        return true;
    }

    private void ThrowIfFaulted()
    {
        if (Fault is { } fault)
        {
            throw new InvalidOperationException("Stage-2 work of an earlier batch failed; reopen the project.", fault);
        }
    }

    private async Task RunAsync()
    {
        var stop = _stop.Token;
        try
        {
            while (true)
            {
                await _signal.WaitAsync(stop).ConfigureAwait(false);
                await _gate.WaitAsync(stop).ConfigureAwait(false);
                try
                {
                    if (Fault is null)
                    {
                        ProcessOldest();
                    }
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // Kept in Fault; the next submission or drain reports it.
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }
}
