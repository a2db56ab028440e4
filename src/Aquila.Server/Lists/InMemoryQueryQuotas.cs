namespace Aquila.Server.Lists;

/// <summary>
/// Each party's query tokens per list and UTC day. In memory (a restart starts the day's count again; the audit chain
/// still holds every query). With the Redis store, <see cref="RedisQueryQuotas"/> keeps them in Redis instead.
/// </summary>
internal sealed class InMemoryQueryQuotas(TimeProvider clock) : QueryQuotas
{
    private readonly Dictionary<(string Project, string Party), (int Day, long Used)> _used = [];
    private readonly Lock _lock = new();

    /// <inheritdoc/>
    public override bool TryConsume(string project, string party, long tokens, long quota, out long used)
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
