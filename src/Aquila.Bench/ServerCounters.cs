using System.Diagnostics;

namespace Aquila.Bench;

/// <summary>
/// Reads a running server's cumulative counters from its Prometheus scrape endpoint (the metrics listener, plain HTTP on
/// loopback), so that two readings around a measured phase give figures per query that do not move with the machine's load:
/// bytes allocated, garbage collections, thread-pool work items, lock contentions, audit commits and write-ahead log fsyncs.
/// </summary>
internal sealed class ServerCounters(Uri scrapeUri) : IDisposable
{
    // The exporter answers a scrape within 300 ms of the last one from its cache (ScrapeResponseCacheDurationMilliseconds):
    // a phase shorter than that would read the same numbers twice. Readings are kept further apart than that.
    private static readonly TimeSpan CacheAllowance = TimeSpan.FromMilliseconds(500);

    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };
    private long _lastRead;

    /// <summary>The counters now (after waiting out the exporter's cache of the previous reading, if needed).</summary>
    public async Task<CounterReading> ReadAsync(CancellationToken cancellationToken)
    {
        if (_lastRead != 0 && CacheAllowance - Stopwatch.GetElapsedTime(_lastRead) is { Ticks: > 0 } wait)
        {
            await Task.Delay(wait, cancellationToken);
        }

        var text = await _http.GetStringAsync(scrapeUri, cancellationToken);
        _lastRead = Stopwatch.GetTimestamp();
        return CounterReading.Parse(text);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
