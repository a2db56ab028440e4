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
    public override ValueTask<QuotaCount> TryConsumeAsync(string project, string party, long tokens, long quota)
    {
        var day = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime).DayNumber;
        lock (_lock)
        {
            var (countedDay, count) = _used.GetValueOrDefault((project, party));
            var used = countedDay == day ? count : 0;
            if (used + tokens > quota)
            {
                return ValueTask.FromResult(new QuotaCount(false, used));
            }

            used += tokens;
            _used[(project, party)] = (day, used);
            return ValueTask.FromResult(new QuotaCount(true, used));
        }
    }
}
