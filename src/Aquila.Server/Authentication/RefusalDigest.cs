using System.Globalization;
using Aquila.Coordination.Audit;
using Aquila.Server.Options;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Authentication;

/// <summary>
/// Collapses repeated refusals into counts, so unauthenticated or malformed calls cannot fill the disk with audit
/// entries and log lines or bury real failures. The first refusal of each distinct kind (source, kind, reason) in an
/// interval gets its entry at once; its repeats are counted and written as one summary entry (and one log line) when
/// the interval ends or the server stops. Every entry carries a <c>count</c>: over the chain they add up to the number
/// of refusals. Beyond <see cref="RefusalAuditOptions.MaxDistinctPerInterval"/> distinct kinds per interval, further
/// ones are only counted, in one overflow entry.
/// </summary>
internal sealed class RefusalDigest : IAsyncDisposable
{
    private const int MaxOverflowKeys = 10_000;

    private readonly ServerAudit _audit;
    private readonly RefusalAuditOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<RefusalDigest> _logger;
    private readonly ITimer _timer;
    private readonly SemaphoreSlim _flushing = new(1, 1);
    private readonly Lock _gate = new();
    private Dictionary<string, Counted> _counted = new(StringComparer.Ordinal);
    private long _overflow;
    private HashSet<string> _overflowKeys = new(StringComparer.Ordinal);
    private DateTimeOffset _intervalStart;
    private bool _disposed;

    public RefusalDigest(ServerAudit audit, RefusalAuditOptions options, TimeProvider time, ILogger<RefusalDigest> logger)
    {
        _audit = audit;
        _options = options;
        _time = time;
        _logger = logger;
        _intervalStart = time.GetUtcNow();
        _timer = time.CreateTimer(static state => ((RefusalDigest)state!).OnInterval(), this, options.Interval, options.Interval);
    }

    /// <summary>
    /// Counts <paramref name="refusal"/>; true when it is the first of its kind in this interval and its audit entry
    /// has been written (the caller then writes its log line), false when it was only counted.
    /// </summary>
    public async ValueTask<bool> RecordAsync(Refusal refusal, CancellationToken cancellationToken)
    {
        var key = refusal.Key;
        lock (_gate)
        {
            if (_counted.TryGetValue(key, out var counted))
            {
                counted.Repeats++;
                return false;
            }

            if (_counted.Count >= _options.MaxDistinctPerInterval)
            {
                _overflow++;
                // The distinct kinds are counted up to a bound on memory; past it the alert says "more than".
                if (_overflowKeys.Count < MaxOverflowKeys)
                {
                    _overflowKeys.Add(key);
                }

                return false;
            }

            _counted.Add(key, new Counted(refusal));
        }

        await _audit.AppendAsync(Entry(refusal, 1, summary: null), cancellationToken);
        return true;
    }

    /// <summary>Writes the summaries of the interval so far (also done by the timer and when the server stops).</summary>
    public async Task FlushAsync()
    {
        await _flushing.WaitAsync();
        try
        {
            Dictionary<string, Counted> ended;
            long overflow;
            int overflowDistinct;
            DateTimeOffset start;
            var end = _time.GetUtcNow();
            lock (_gate)
            {
                ended = _counted;
                overflow = _overflow;
                overflowDistinct = _overflowKeys.Count;
                start = _intervalStart;
                _counted = new(StringComparer.Ordinal);
                _overflowKeys = new(StringComparer.Ordinal);
                _overflow = 0;
                _intervalStart = end;
            }

            var window = Seconds(end - start);
            foreach (var counted in ended.Values)
            {
                if (counted.Repeats == 0)
                {
                    continue;
                }

                ServerLog.RefusalsRepeated(_logger, counted.Repeats, counted.Refusal.Summary, window);
                await _audit.AppendAsync(Entry(counted.Refusal, counted.Repeats, window), CancellationToken.None);
            }

            if (overflow > 0)
            {
                ServerLog.RefusalsNotItemised(_logger, overflow, overflowDistinct, window);
                await _audit.AppendAsync(new AuditEvent(AuditKind.Alert, AuditActor.System, details: ServerAudit.Details(
                    ("reason", "more distinct refusals in one interval than are itemised; these were counted only"),
                    ("count", Number(overflow)),
                    ("distinct", overflowDistinct < MaxOverflowKeys ? Number(overflowDistinct) : "more than " + Number(MaxOverflowKeys - 1)),
                    ("window_s", window))), CancellationToken.None);
            }
        }
        finally
        {
            _flushing.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _timer.DisposeAsync();
        await FlushAsync();
    }

    private void OnInterval() => _ = FlushSafelyAsync();

    private async Task FlushSafelyAsync()
    {
        try
        {
            await FlushAsync();
        }
        catch (Exception e) when (e is AuditChainException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The counts stay lost to the chain only if it cannot be written at all; the log still has them.
            ServerLog.RefusalSummaryFailed(_logger, e.GetType().Name);
        }
    }

    private static AuditEvent Entry(Refusal refusal, long count, string? summary)
    {
        var details = new List<KeyValuePair<string, string>>(refusal.Details.Count + 2);
        details.AddRange(refusal.Details);
        details.Add(new("count", Number(count)));
        if (summary is not null)
        {
            details.Add(new("repeats_within_s", summary));
        }

        return new AuditEvent(refusal.Kind, refusal.Actor, details: details);
    }

    private static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Seconds(TimeSpan span) => Math.Round(span.TotalSeconds, 1).ToString(CultureInfo.InvariantCulture);

    private sealed class Counted(Refusal refusal)
    {
        public Refusal Refusal { get; } = refusal;

        public long Repeats { get; set; }
    }
}
