namespace Aquila.Bench;

/// <summary>
/// Reads a running server's cumulative counters from its Prometheus scrape endpoint (the metrics listener, plain HTTP on
/// loopback), so that two readings around a measured phase give figures per query that do not move with the machine's load:
/// bytes allocated, garbage collections, thread-pool work items, lock contentions, audit commits and write-ahead log fsyncs.
/// </summary>
internal sealed class ServerCounters(Uri scrapeUri) : IDisposable
{
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(30) };

    /// <summary>The counters now.</summary>
    public async Task<CounterReading> ReadAsync(CancellationToken cancellationToken) =>
        CounterReading.Parse(await _http.GetStringAsync(scrapeUri, cancellationToken));

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();
}
