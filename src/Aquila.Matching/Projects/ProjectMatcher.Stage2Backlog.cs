using System.Diagnostics;
using Aquila.Matching.Stage2;

namespace Aquila.Matching.Projects;

// Issue 16: before the project enters Matching, a batch's stage-2 part (block postings, new candidate pairs and their
// comparisons) makes no hit, so it need not hold up the acknowledgement. It is queued in log order for one worker per
// project; whatever needs the whole stage-2 state (the fit, a snapshot, a withdrawal, the figures) first does what is
// left itself. A replay applies everything inline, so live and replayed states are the same: the queue only changes
// when the work is done, never its order or its inputs.
public sealed partial class ProjectMatcher
{
    private Stage2WorkQueue? _backlog; // null: stage 2 inline (no scoring section, DeferStage2 off, or still replaying)

    /// <summary>
    /// Stage-2 work of acknowledged batches not done yet: batches, records, and how long the oldest has waited (all zero
    /// when none is waiting, when the project does not score, or when <see cref="ProjectMatcherOptions.DeferStage2"/> is off).
    /// </summary>
    public (int Batches, long Records, TimeSpan OldestAge) Stage2Backlog => _backlog?.Figures ?? (0, 0, TimeSpan.Zero);

    /// <summary>Returns once every acknowledged batch's stage-2 work is done (doing what is left on the calling thread).</summary>
    /// <exception cref="InvalidOperationException">An earlier batch's stage-2 work failed; reopen the project.</exception>
    public async Task CatchUpStage2Async(CancellationToken ct = default)
    {
        if (_backlog is { } backlog)
        {
            await backlog.HoldAsync(ct).ConfigureAwait(false);
            backlog.Release();
        }
    }

    /// <summary>Tests: stops the stage-2 worker between batches until the returned object is disposed.</summary>
    internal async Task<IDisposable> PauseStage2WorkerAsync()
    {
        var backlog = _backlog ?? throw new InvalidOperationException("The project has no stage-2 worker.");
        await backlog.PauseAsync().ConfigureAwait(false);
        return new Resume(backlog);
    }

    private sealed class Resume(Stage2WorkQueue backlog) : IDisposable
    {
        private int _done;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _done, 1) == 0)
            {
                backlog.Release();
            }
        }
    }

    // True when the worker's stage-2 work failed: the state may be half changed, so no snapshot is taken of it.
    private bool Stage2Faulted => _backlog?.Fault is not null;

    // After the replay: later batches leave their stage-2 part to the worker.
    private void StartStage2Worker()
    {
        if (_scoring is null || !_options.DeferStage2)
        {
            return;
        }

        _backlog = new Stage2WorkQueue(ApplyDeferred, _options.MaxStage2BacklogRecords);
        _backlog.Start();
    }

    // Under the apply gate, after the stage-1 part of the batch in _applying: its stage-2 part, now or queued. Returns
    // the candidates to score now (only once scoring has started, when nothing is queued any more), or null.
    private List<int>? AddStage2(int party)
    {
        if (_scoring is null || _applying.VectorLength == 0)
        {
            return null;
        }

        if (_backlog is { } backlog && _scoring.Model is null)
        {
            backlog.Add(DeferredBlocks.Copy(party, _applying, _detector.GetHandles(party), Stopwatch.GetTimestamp()));
            return null;
        }

        _backlog?.Drain(); // empty once scoring has started (StartScoringAsync drains it); kept for safety
        return _scoring.AddBatch(party, _applying, _detector.GetHandles(party));
    }

    // Under the apply gate, before a party's data set is withdrawn: its queued postings go in first, so the withdrawal
    // removes them and they never come back.
    private void DrainStage2() => _backlog?.Drain();

    // The worker (or a drain), under the backlog's gate: no hit can come of it, since scoring has not started.
    private void ApplyDeferred(DeferredBlocks item) => _scoring!.AddBatch(item.Party, item.Blocks, item.Ordinals);

    // Under the apply gate: the whole stage-2 state, still until ReleaseStage2 (for a snapshot or the fit).
    private Task HoldStage2Async(CancellationToken ct) => _backlog?.HoldAsync(ct) ?? Task.CompletedTask;

    private void ReleaseStage2() => _backlog?.Release();

    private async Task StopStage2WorkerAsync()
    {
        if (_backlog is { } backlog)
        {
            await backlog.StopAsync().ConfigureAwait(false);
        }
    }
}
