using Grpc.Core;

namespace Aquila.Bench.Soak;

/// <summary>What the load tasks report, taken and reset once per sample; safe from any thread.</summary>
internal sealed class SoakCounters
{
    private readonly Lock _gate = new();
    private List<double> _latencies = [];
    private List<double> _queryLatencies = [];
    private long _queryHits;
    private long _listChanges;
    private Dictionary<string, long> _errors = new(StringComparer.Ordinal);
    private long _batches;
    private long _batchesTotal;
    private long _tokens;
    private long _hitEvents;
    private long _statusQueries;
    private int _purged;

    public void Acked(long tokens, double latencyMs)
    {
        lock (_gate)
        {
            _latencies.Add(latencyMs);
            _batches++;
            _batchesTotal++;
            _tokens += tokens;
        }
    }

    public void Queried(double latencyMs, bool hit)
    {
        lock (_gate)
        {
            _queryLatencies.Add(latencyMs);
            _queryHits += hit ? 1 : 0;
        }
    }

    public void ListChanged(int entries) => Interlocked.Add(ref _listChanges, entries);

    public void HitEvent() => Interlocked.Increment(ref _hitEvents);

    public void StatusQuery() => Interlocked.Increment(ref _statusQueries);

    public void Purged() => Interlocked.Increment(ref _purged);

    public int PurgedTotal => Volatile.Read(ref _purged);

    public void Error(Exception error)
    {
        var key = error is RpcException rpc ? rpc.StatusCode.ToString() : "client:" + error.GetType().Name;
        lock (_gate)
        {
            _errors[key] = _errors.GetValueOrDefault(key) + 1;
        }
    }

    /// <summary>The interval's figures; the counters start again from zero.</summary>
    public IntervalFigures Take()
    {
        lock (_gate)
        {
            var figures = new IntervalFigures(_latencies, _errors, _batches, _batchesTotal, _tokens,
                Interlocked.Exchange(ref _hitEvents, 0), Interlocked.Exchange(ref _statusQueries, 0),
                _queryLatencies, _queryHits, Interlocked.Exchange(ref _listChanges, 0));
            _latencies = [];
            _queryLatencies = [];
            _queryHits = 0;
            _errors = new(StringComparer.Ordinal);
            _batches = 0;
            _tokens = 0;
            return figures;
        }
    }

    public sealed record IntervalFigures(List<double> Latencies, Dictionary<string, long> Errors, long Batches, long BatchesTotal, long Tokens,
        long HitEvents, long StatusQueries, List<double> QueryLatencies, long QueryHits, long ListChanges);
}
