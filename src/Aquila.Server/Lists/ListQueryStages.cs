using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aquila.Server.Lists;

/// <summary>
/// Where a single query's time goes in the server (meter "Aquila.Server"), one histogram per stage so a scrape gives each
/// stage's sum, count and buckets without label filtering: the checks (fields, signature verification, nonce), the quota,
/// the lookup (for a hit: waiting until its record is durable in the list's log, with the hit's audit entry committing
/// beside it), the audit (the rest of the wait for the group commit that makes the query's entry durable) and the whole call (checks, quota and call for <c>Query</c>; lookup and audit also
/// for each query of a <c>QueryBatch</c>). No tags: the figures are for performance work, and a query's
/// identity has no place in them. Bucket bounds include 2 ms, the interactive goal of issue 21.
/// </summary>
internal sealed class ListQueryStages
{
    private static readonly InstrumentAdvice<double> Buckets = new()
    {
        HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 1],
    };

    private readonly Histogram<double> _checks;
    private readonly Histogram<double> _quota;
    private readonly Histogram<double> _lookup;
    private readonly Histogram<double> _audit;
    private readonly Histogram<double> _call;

    public ListQueryStages(IMeterFactory meters)
    {
        var meter = meters.Create(Health.CrlMetrics.MeterName, "1.0");
        _checks = Create(meter, "checks", "the query's checks: fields, signature verification, nonce");
        _quota = Create(meter, "quota", "counting the query against the party's quota");
        _lookup = Create(meter, "lookup", "the list lookup and, for a hit, waiting until its record is durable in the list's log");
        _audit = Create(meter, "audit", "waiting until the query's audit entry is committed (group commit and its fsync)");
        _call = Create(meter, "call", "the whole query call in the handler");
    }

    /// <summary>Records the checks stage begun at <paramref name="startedAt"/>; returns the time now (the next stage's start).</summary>
    public long Checks(long startedAt) => Record(_checks, startedAt);

    /// <summary>Records the quota stage; returns the time now.</summary>
    public long Quota(long startedAt) => Record(_quota, startedAt);

    /// <summary>Records the lookup stage; returns the time now.</summary>
    public long Lookup(long startedAt) => Record(_lookup, startedAt);

    /// <summary>Records the audit stage; returns the time now.</summary>
    public long Audit(long startedAt) => Record(_audit, startedAt);

    /// <summary>Records a whole query call begun at <paramref name="startedAt"/>.</summary>
    public void Call(long startedAt) => Record(_call, startedAt);

    private static Histogram<double> Create(Meter meter, string stage, string what) =>
        meter.CreateHistogram($"aquila.list.query.stage.{stage}.duration", "s",
            $"Time of one stage of a single list query in the server: {what}.", advice: Buckets);

    private static long Record(Histogram<double> histogram, long startedAt)
    {
        var now = Stopwatch.GetTimestamp();
        histogram.Record(Stopwatch.GetElapsedTime(startedAt, now).TotalSeconds);
        return now;
    }
}
