
namespace Aquila.Matching.Projects;

// Reading a party's hit stream (the WatchHits side).
public sealed partial class ProjectMatcher
{
    /// <summary>The sequence of the newest entry in <paramref name="party"/>'s hit stream (0 when it is empty).</summary>
    /// <exception cref="ArgumentException">The party is not in the roster.</exception>
    public long LastHitSequence(string party)
    {
        var number = RequireParty(party);
        lock (_state)
        {
            return _parties[number].Events.Count;
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> entries of <paramref name="party"/>'s hit stream with a sequence above
    /// <paramref name="afterSequence"/>, oldest first. Each shows the party's own handle and the other party's code only.
    /// </summary>
    /// <exception cref="ArgumentException">The party is not in the roster.</exception>
    public IReadOnlyList<PartyHitEvent> ReadHits(string party, long afterSequence, int max)
    {
        var number = RequireParty(party);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var start = (int)Math.Clamp(afterSequence, 0, int.MaxValue);
        lock (_state)
        {
            var events = _parties[number].Events;
            var count = Math.Min(max, events.Count - start);
            if (count <= 0)
            {
                return [];
            }

            var result = new PartyHitEvent[count];
            for (var i = 0; i < count; i++)
            {
                var e = events[start + i];
                result[i] = new PartyHitEvent(start + i + 1, e.Kind, ViewOf(e));
            }

            return result;
        }
    }

    /// <summary>
    /// Like <see cref="ReadHits"/>, but without what replacements withdrew: withdrawal entries, and entries of a hit that
    /// was withdrawn later, are skipped (a hit re-found after its withdrawal shows from then on). What is left is the
    /// stream as if each party had submitted only its current data set — for a project whose hits are released once
    /// data sets can no longer change, so parties never learn what a replaced data set held. Sequences keep their
    /// numbers (with gaps).
    /// </summary>
    /// <param name="party">The party whose stream is read.</param>
    /// <param name="afterSequence">Entries with a higher sequence are read.</param>
    /// <param name="max">At most this many entries are returned.</param>
    /// <param name="scannedThrough">The sequence up to which the stream was read, skipped entries included: the next cursor.</param>
    /// <exception cref="ArgumentException">The party is not in the roster.</exception>
    public IReadOnlyList<PartyHitEvent> ReadCurrentHits(string party, long afterSequence, int max, out long scannedThrough)
    {
        var number = RequireParty(party);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var index = (int)Math.Clamp(afterSequence, 0, int.MaxValue);
        lock (_state)
        {
            var state = _parties[number];
            var result = new List<PartyHitEvent>();
            for (; index < state.Events.Count && result.Count < max; index++)
            {
                if (!state.IsWithdrawn(index))
                {
                    var e = state.Events[index];
                    result.Add(new PartyHitEvent(index + 1, e.Kind, ViewOf(e)));
                }
            }

            scannedThrough = Math.Max(afterSequence, index);
            return result;
        }
    }

    /// <summary>Completes once <see cref="LastHitSequence"/> of <paramref name="party"/> is above <paramref name="afterSequence"/>.</summary>
    /// <exception cref="ArgumentException">The party is not in the roster.</exception>
    /// <exception cref="ObjectDisposedException">The matcher was closed while waiting.</exception>
    public async Task WaitForHitsAsync(string party, long afterSequence, CancellationToken ct = default)
    {
        var number = RequireParty(party);
        while (true)
        {
            Task grown;
            lock (_state)
            {
                var state = _parties[number];
                if (state.Events.Count > afterSequence)
                {
                    return;
                }

                ObjectDisposedException.ThrowIf(_disposed, this);
                grown = state.Grown.Task;
            }

            await grown.WaitAsync(ct).ConfigureAwait(false);
        }
    }
}
