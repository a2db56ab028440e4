using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

// Issue 23: on a schema whose scoring says "stage1": "strong-only", a stage-1 hit below strong is evidence, not a
// verdict. It is held (found by the detector, never published) until stage 2 scores its pair; then it is released in
// stage 2's band, or never. Nothing is stored for it: whether a hit is held follows from the schema, its band and
// whether stage 2 published the pair, all of which the log, replay and snapshots already restore.
public sealed partial class ProjectMatcher
{
    // True when the detector's hit waits for stage 2's band instead of being released in its own.
    private bool IsHeld(in Hit hit) => HoldsStage1 && Definition.Scoring!.HoldsStage1(hit.Band);

    // Whether this project holds stage-1 hits at all: a strong-only schema, and a project that will score.
    private bool HoldsStage1 =>
        _scoring is not null && !_options.NeverScores && Definition.Scoring!.Stage1 != Tokens.Keys.Stage1Verdicts.AllBands;

    // True when a hit was never shown to anyone: held, and stage 2 has not released its pair.
    private bool IsUnreleased(in Hit hit) =>
        IsHeld(hit) && _scoring!.PublishedBand(new HitPair(hit.PartyA, hit.OrdinalA, hit.PartyB, hit.OrdinalB)) is null;

    // The stage-1 changes of a batch that are released now: all of them, except on a strong-only schema, where a hit
    // below strong is held. A held hit a later key lifts to strong is released then as new (a pair's keys all agree
    // when its second record arrives, so that is rare), unless stage 2 has already released it in its own band.
    private IReadOnlyList<HitChange> ReleasedNow(IReadOnlyList<HitChange> changes)
    {
        if (!HoldsStage1)
        {
            return changes;
        }

        var released = new List<HitChange>(changes.Count);
        foreach (var change in changes)
        {
            var hit = change.Hit;
            if (IsHeld(hit))
            {
                continue;
            }

            var wasHeld = change.PreviousBand is { } previous && Definition.Scoring!.HoldsStage1(previous);
            if (!wasHeld)
            {
                released.Add(change);
            }
            else if (_scoring!.PublishedBand(new HitPair(hit.PartyA, hit.OrdinalA, hit.PartyB, hit.OrdinalB)) is null)
            {
                released.Add(new HitChange(HitChangeKind.New, hit, null));
            }
        }

        return released;
    }

    // Stage 2 scored the pair of a held hit: released in stage 2's band (with the keys that agreed), or not at all.
    private void ReleaseHeld(int at, in Hit hit, List<HitChange> changes)
    {
        var band = _scoring!.Pairs.Band(at);
        if (band == BandCodes.NoBand || _scoring.IsPublished(at))
        {
            return;
        }

        _scoring.MarkPublished(at, hit.Id, stage2Only: false);
        changes.Add(new HitChange(HitChangeKind.New, hit with { Band = band }, null));
    }
}
