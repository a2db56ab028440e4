namespace Aquila.Server.Lists;

/// <summary>
/// Each party's query tokens per list and UTC day. In memory (a restart starts the day's count again; the audit chain
/// still holds every query). A scale-out deployment keeps these counters in Redis (INCR/EXPIRE).
/// </summary>
internal sealed class QueryQuotas(TimeProvider clock)
{
    private readonly Dictionary<(string Project, string Party), (int Day, long Used)> _used = [];
    private readonly Lock _lock = new();

    /// <summary>Counts <paramref name="tokens"/> against the quota; false (nothing counted) when they do not fit.</summary>
    public bool TryConsume(string project, string party, long tokens, long quota, out long used)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).DayNumber;
        lock (_lock)
        {
            var (countedDay, count) = _used.GetValueOrDefault((project, party));
            used = countedDay == day ? count : 0;
            if (used + tokens > quota)
            {
                return false;
            }

            used += tokens;
            _used[(project, party)] = (day, used);
            return true;
        }
    }
}
