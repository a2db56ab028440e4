using Aquila.Matching.Index;

namespace Aquila.Matching.Projects;

/// <summary>One party's part of a project in memory: its hit stream, its figures and the watchers waiting for more hits.</summary>
/// <remarks>Not thread-safe: the owning <see cref="ProjectMatcher"/> guards it with its state lock.</remarks>
internal sealed class PartyState(string code)
{
    public string Code { get; } = code;

    /// <summary>The hit stream; entry i has sequence i + 1.</summary>
    public List<HitEventEntry> Events { get; } = [];

    /// <summary>
    /// Per hit id, the index in <see cref="Events"/> of its latest withdrawal. Derived from the stream (rebuilt when a
    /// snapshot is loaded), so <see cref="ProjectMatcher.ReadCurrentHits"/> can skip what a replacement withdrew.
    /// </summary>
    public Dictionary<HitId, int> LastWithdrawal { get; } = [];

    /// <summary>Appends a hit event, noting withdrawals.</summary>
    public void Add(in HitEventEntry entry)
    {
        if (entry.Kind == HitChangeKind.Withdrawn)
        {
            LastWithdrawal[entry.HitId] = Events.Count;
        }

        Events.Add(entry);
    }

    /// <summary>True when the event at <paramref name="index"/> is a withdrawal or was withdrawn later.</summary>
    public bool IsWithdrawn(int index)
    {
        var entry = Events[index];
        return entry.Kind == HitChangeKind.Withdrawn
            || (LastWithdrawal.TryGetValue(entry.HitId, out var withdrawnAt) && withdrawnAt > index);
    }

    public long Batches { get; set; }

    public long Records { get; set; }

    public long Tokens { get; set; }

    public long SuppressedTokens { get; set; }

    /// <summary>Completed (and replaced) whenever the stream grows, so watchers wake.</summary>
    public TaskCompletionSource Grown { get; private set; } = NewSignal();

    public void SignalGrown()
    {
        var grown = Grown;
        Grown = NewSignal();
        grown.TrySetResult();
    }

    public void SignalClosed(Exception reason) => Grown.TrySetException(reason);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
