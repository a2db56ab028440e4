namespace Aquila.Bench.Soak;

/// <summary>One sample of a soak run: the state of the process and what happened during the interval before it.</summary>
public sealed record SoakSample
{
    /// <summary>Seconds since the load started.</summary>
    public required double ElapsedSeconds { get; init; }

    /// <summary>Resident set size of the process (server and load driver share it: the server is embedded).</summary>
    public required long RssBytes { get; init; }

    /// <summary>Bytes of the managed heap in use (no collection forced).</summary>
    public required long GcHeapBytes { get; init; }

    /// <summary>Batches acknowledged in the interval.</summary>
    public required long BatchesAcked { get; init; }

    /// <summary>Batches acknowledged since the start.</summary>
    public required long BatchesAckedTotal { get; init; }

    /// <summary>Tokens acknowledged per second in the interval.</summary>
    public required double TokensPerSecond { get; init; }

    /// <summary>Ack latency p50 of the interval's batches, ms (0 when none).</summary>
    public required double AckP50Ms { get; init; }

    /// <summary>Ack latency p99 of the interval's batches, ms (0 when none).</summary>
    public required double AckP99Ms { get; init; }

    /// <summary>Hit events read by the followers in the interval.</summary>
    public required long HitEvents { get; init; }

    /// <summary>Status queries answered in the interval.</summary>
    public required long StatusQueries { get; init; }

    /// <summary>Signed list queries answered in the interval.</summary>
    public long ListQueries { get; init; }

    /// <summary>List queries of the interval answered with a hit.</summary>
    public long ListQueryHits { get; init; }

    /// <summary>List query latency p50 of the interval, ms (0 when none).</summary>
    public double QueryP50Ms { get; init; }

    /// <summary>List query latency p99 of the interval, ms (0 when none).</summary>
    public double QueryP99Ms { get; init; }

    /// <summary>List entries added or removed in the interval.</summary>
    public long ListChanges { get; init; }

    /// <summary>Errors of the interval by gRPC status code (or client exception type).</summary>
    public required IReadOnlyDictionary<string, long> Errors { get; init; }

    /// <summary>Rotating projects on the server not yet purged, as the coordinator lists them (the joint list not counted).</summary>
    public required int OpenProjects { get; init; }

    /// <summary>Projects purged since the start.</summary>
    public required int PurgedProjects { get; init; }

    /// <summary>Errors of the interval, all codes together.</summary>
    public long ErrorCount
    {
        get
        {
            long total = 0;
            foreach (var count in Errors.Values)
            {
                total += count;
            }

            return total;
        }
    }
}
