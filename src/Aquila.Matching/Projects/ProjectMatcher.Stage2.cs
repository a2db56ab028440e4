using Aquila.Matching.Index;
using Aquila.Matching.Stage2;
using Aquila.Tokens.Keys;

namespace Aquila.Matching.Projects;

// Stage 2 (issue 16): scoring starts when the project enters Matching, with a model fitted on every candidate and kept
// in the log; stage-2 hits and lifted bands are published as hit changes like stage 1's.
public sealed partial class ProjectMatcher
{
    /// <summary>True when the project's schema has a scoring section (the embedded store scores candidates).</summary>
    public bool ScoresCandidates => _scoring is not null;

    /// <summary>True once stage-2 scoring has started (the model is fitted and recorded).</summary>
    public bool ScoringStarted
    {
        get
        {
            lock (_state)
            {
                return _scoring?.Model is not null;
            }
        }
    }

    /// <summary>
    /// Starts stage-2 scoring: fits the model on every candidate pair now, records it in the log (so a replay or restart
    /// scores with exactly the same model), bands every candidate and publishes the hits stage 2 makes or lifts. Call
    /// when the project enters Matching; a second call, or a project without scoring, does nothing and returns false.
    /// </summary>
    /// <exception cref="IOException">The log could not be written; nothing changed.</exception>
    public async Task<bool> StartScoringAsync(CancellationToken ct = default)
    {
        if (_scoring is null || ScoringStarted)
        {
            return false;
        }

        await _submitGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            await DrainQueuedAsync().ConfigureAwait(false);
            await _applyGate.WaitAsync(ct).ConfigureAwait(false);
            try
            {
                if (_scoring.Model is not null)
                {
                    return false;
                }

                // The fit sees every acknowledged batch's candidates: the stage-2 worker's backlog is done first.
                await HoldStage2Async(ct).ConfigureAwait(false);
                try
                {
                    var payload = _scoring.Fit();
                    var lsn = await _log.AppendAsync(ProjectRecordType.ScoringStarted, payload, CancellationToken.None).ConfigureAwait(false);
                    ApplyScoringStart(payload, lsn);
                    return true;
                }
                finally
                {
                    ReleaseStage2();
                }
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

    // Used by StartScoringAsync and by replay: the same payload gives the same model, scores and hit events.
    private void ApplyScoringStart(byte[] payload, long lsn)
    {
        if (_scoring is null)
        {
            throw new InvalidDataException($"The log of project {Definition.ProjectId} starts stage-2 scoring, but its schema has no scoring section.");
        }

        List<int> live;
        List<HitChange> changes;
        lock (_state)
        {
            // Under the lock: readers describe hits from the same tables.
            live = _scoring.Start(payload);
            changes = Stage2Changes(live);
            PublishChanges(changes);
        }

        _appliedLsn = lsn;
        ProjectLog.ScoringStarted(_logger, Definition.ProjectId, lsn, live.Count, changes.Count);
    }

    // The hit changes of scored candidates: a new hit where no stage-1 key agreed and the band is not null; a lifted
    // band where stage 1 found the pair in a lower band (never a lower one).
    private List<HitChange> Stage2Changes(List<int> slots)
    {
        var changes = new List<HitChange>();
        if (_scoring?.Model is null)
        {
            return changes;
        }

        foreach (var at in slots)
        {
            if (double.IsNaN(_scoring.Pairs.Posterior(at)))
            {
                _scoring.Score(at);
            }

            var pair = _scoring.Pairs.Pair(at);
            var band = _scoring.Pairs.Band(at);
            if (_detector.TryGetHit(new Posting(pair.PartyA, pair.OrdinalA), new Posting(pair.PartyB, pair.OrdinalB), out var hit))
            {
                _scoring.Register(hit.Id, at);
                if (IsHeld(hit))
                {
                    ReleaseHeld(at, hit, changes); // issue 23: a strong-only schema's hit below strong takes stage 2's band
                    continue;
                }

                if (band != BandCodes.NoBand && band > hit.Band && !_scoring.IsPublished(at))
                {
                    _scoring.MarkPublished(at, hit.Id, stage2Only: false);
                    changes.Add(new HitChange(HitChangeKind.Updated, hit with { Band = band }, hit.Band));
                }

                continue;
            }

            if (band == BandCodes.NoBand || _scoring.IsPublished(at))
            {
                continue;
            }

            var id = HitIdentity.Compute(
                Definition.ProjectId,
                _parties[pair.PartyA].Code, _detector.GetHandles(pair.PartyA)[pair.OrdinalA],
                _parties[pair.PartyB].Code, _detector.GetHandles(pair.PartyB)[pair.OrdinalB]);
            _scoring.Register(id, at);
            _scoring.MarkPublished(at, id, stage2Only: true);
            changes.Add(new HitChange(HitChangeKind.New, new Hit(id, pair.PartyA, pair.OrdinalA, pair.PartyB, pair.OrdinalB, band, 0), null));
        }

        return changes;
    }

    // Under the state lock: each change as an event in both parties' streams (A's first) and in the band counts.
    private void PublishChanges(List<HitChange> changes)
    {
        Span<int> before = stackalloc int[_parties.Length];
        for (var i = 0; i < before.Length; i++)
        {
            before[i] = _parties[i].Events.Count;
        }

        PublishEach(changes);
        for (var i = 0; i < before.Length; i++)
        {
            if (_parties[i].Events.Count > before[i])
            {
                _parties[i].SignalGrown();
            }
        }
    }

    // Under the state lock: each change as an event in both parties' streams (A's first) and in the band counts; the
    // caller wakes the readers.
    private void PublishEach(IReadOnlyList<HitChange> changes)
    {
        for (var c = 0; c < changes.Count; c++)
        {
            var change = changes[c];
            var hit = change.Hit;
            Publish(hit.PartyA, hit.OrdinalA, hit.PartyB, change);
            Publish(hit.PartyB, hit.OrdinalB, hit.PartyA, change);
            if (change.PreviousBand is { } previous)
            {
                _hitsByBand.Add(previous, -1);
            }

            _hitsByBand.Add(hit.Band, 1);
        }
    }

    // A party's hit as its reader sees it: with score and agreement when stage 2 scored the pair.
    private PartyHitView ViewOf(in HitEventEntry e)
    {
        var view = new PartyHitView(e.HitId, e.OwnHandle, _parties[e.OtherParty].Code, e.Band, _detector.Keys.KeyIds(e.KeyMask));
        return _scoring is not null && _scoring.TryDescribe(e.HitId, out var posterior, out var agreement)
            ? view with { Score = posterior, Agreement = agreement }
            : view;
    }

    // Stage 2's part of a data-set replacement, before the detector forgets the party's handles: the hits stage 2 alone
    // made for the party, to withdraw with the stage-1 ones.
    private void WithdrawStage2(int party, List<HitWithdrawal> withdrawals)
    {
        if (_scoring is null)
        {
            return;
        }

        for (var i = 0; i < withdrawals.Count; i++)
        {
            // A stage-1 hit whose band stage 2 lifted is counted (and withdrawn) in the lifted band.
            var hit = withdrawals[i].Hit;
            if (_scoring.PublishedBand(new HitPair(hit.PartyA, hit.OrdinalA, hit.PartyB, hit.OrdinalB)) is { } lifted)
            {
                withdrawals[i] = withdrawals[i] with { Hit = hit with { Band = lifted } };
            }
        }

        List<(HitId Id, HitPair Pair, MatchBand Band)> stage2Only;
        lock (_state)
        {
            stage2Only = _scoring.RemoveParty(party);
        }

        foreach (var (id, pair, band) in stage2Only)
        {
            withdrawals.Add(new HitWithdrawal(
                new Hit(id, pair.PartyA, pair.OrdinalA, pair.PartyB, pair.OrdinalB, band, 0),
                _detector.GetHandles(pair.PartyA).GetHandle(pair.OrdinalA), _detector.GetHandles(pair.PartyB).GetHandle(pair.OrdinalB)));
        }
    }

    /// <summary>Stage-2 figures now: postings, live candidates, bytes (null without scoring).</summary>
    /// <remarks>Waits for the stage-2 work of every acknowledged batch first (doing what is left on the calling thread).</remarks>
    public (int Postings, int Candidates, long Bytes, bool Started)? Stage2Figures
    {
        get
        {
            DrainStage2();
            lock (_state)
            {
                return _scoring is null ? null : (_scoring.Postings, _scoring.LiveCandidates, _scoring.Bytes, _scoring.Model is not null);
            }
        }
    }

    /// <summary>Stage-2 candidates per block of the schema (<see cref="Stage2BlockFigures"/>; empty without scoring).</summary>
    /// <remarks>Waits for the stage-2 work of every acknowledged batch first, as <see cref="Stage2Figures"/>.</remarks>
    public IReadOnlyList<Stage2BlockFigures> Stage2Blocks
    {
        get
        {
            DrainStage2();
            lock (_state)
            {
                return _scoring is null ? [] : _scoring.BlockFigures();
            }
        }
    }
}
