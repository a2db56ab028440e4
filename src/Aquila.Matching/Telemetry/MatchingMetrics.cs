using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aquila.Matching.Telemetry;

/// <summary>
/// The instruments of the matching library (meter <see cref="MeterName"/>): write-ahead log commits and fsyncs, batches and
/// tokens applied, the apply queue, snapshots and the token index. Tags carry project ids only — never a party's handle,
/// token, record id or name. Without a listener (no metrics exporter in the host) recording costs a branch.
/// </summary>
public static class MatchingMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c> in a host.</summary>
    public const string MeterName = "Aquila.Matching";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly ConcurrentDictionary<IMatcherGauges, byte> Live = new();

    private static readonly Histogram<long> WalCommitRecords = Meter.CreateHistogram(
        "aquila.wal.commit.records", "{record}", "Records written by one group commit of a write-ahead log (one fsync).",
        advice: new InstrumentAdvice<long> { HistogramBucketBoundaries = [1, 2, 4, 8, 16, 32, 64, 128, 256, 1024] });

    private static readonly Histogram<double> WalFsyncDuration = Meter.CreateHistogram(
        "aquila.wal.fsync.duration", "s", "Time one fsync of a write-ahead log segment took.",
        advice: new InstrumentAdvice<double>
        {
            HistogramBucketBoundaries = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
        });

    private static readonly Counter<long> BatchesApplied = Meter.CreateCounter<long>(
        "aquila.matcher.batches.applied", "{batch}", "Token batches applied to a project's index.");

    private static readonly Counter<long> TokensApplied = Meter.CreateCounter<long>(
        "aquila.matcher.tokens.applied", "{token}", "Tokens applied to a project's index (ingest rate: rate() of this).");

    private static readonly Histogram<double> SnapshotDuration = Meter.CreateHistogram(
        "aquila.matcher.snapshot.duration", "s", "Time a project snapshot took to write.",
        advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60] });

    private static readonly Histogram<long> SnapshotSize = Meter.CreateHistogram(
        "aquila.matcher.snapshot.size", "By", "Bytes of a written project snapshot.",
        advice: new InstrumentAdvice<long>
        {
            HistogramBucketBoundaries = [1 << 16, 1 << 20, 1 << 22, 1 << 24, 1 << 26, 1 << 28, 1L << 30, 1L << 32],
        });

    static MatchingMetrics()
    {
        Meter.CreateObservableGauge("aquila.matcher.apply.queue", () => Observe(static g => g.QueuedBatches), "{batch}",
            "Batches written to the log but not yet applied to the index.");
        Meter.CreateObservableGauge("aquila.matcher.index.entries", () => Observe(static g => g.IndexEntries), "{entry}",
            "Distinct tokens in a project's index.");
        Meter.CreateObservableGauge("aquila.matcher.index.postings", () => Observe(static g => g.IndexPostings), "{posting}",
            "Postings (token, party, record) in a project's index.");
        Meter.CreateObservableGauge("aquila.matcher.index.bytes", () => Observe(static g => g.IndexBytes), "By",
            "Bytes held by a project's index arrays.");
        Meter.CreateObservableGauge("aquila.matcher.stage2.backlog.batches", () => Observe(static g => g.Stage2BacklogBatches), "{batch}",
            "Acknowledged batches whose stage-2 work (postings, candidates, comparisons) is not done yet.");
        Meter.CreateObservableGauge("aquila.matcher.stage2.backlog.records", () => Observe(static g => g.Stage2BacklogRecords), "{record}",
            "Records of acknowledged batches whose stage-2 work is not done yet.");
        Meter.CreateObservableGauge("aquila.matcher.stage2.backlog.oldest", () => Observe(static g => g.Stage2BacklogOldestMs), "ms",
            "How long the oldest batch waiting for stage-2 work has waited.");
    }

    /// <summary>A group commit wrote <paramref name="records"/> records.</summary>
    public static void WalCommitted(int records)
    {
        if (WalCommitRecords.Enabled)
        {
            WalCommitRecords.Record(records);
        }
    }

    /// <summary>An fsync that started at <paramref name="startTimestamp"/> (<see cref="Stopwatch.GetTimestamp"/>) ended now.</summary>
    public static void WalFsynced(long startTimestamp)
    {
        if (WalFsyncDuration.Enabled)
        {
            WalFsyncDuration.Record(Stopwatch.GetElapsedTime(startTimestamp).TotalSeconds);
        }
    }

    /// <summary>True when someone listens to fsync latency (so the caller reads the clock only then).</summary>
    public static bool FsyncTimed => WalFsyncDuration.Enabled;

    /// <summary>A batch of <paramref name="tokens"/> tokens was applied to <paramref name="projectId"/>'s index.</summary>
    public static void BatchApplied(string projectId, long tokens)
    {
        if (BatchesApplied.Enabled || TokensApplied.Enabled)
        {
            var project = new KeyValuePair<string, object?>("project", projectId);
            BatchesApplied.Add(1, project);
            TokensApplied.Add(tokens, project);
        }
    }

    /// <summary>A snapshot of <paramref name="bytes"/> bytes of <paramref name="projectId"/> took <paramref name="elapsed"/>.</summary>
    public static void SnapshotWritten(string projectId, long bytes, TimeSpan elapsed)
    {
        var project = new KeyValuePair<string, object?>("project", projectId);
        SnapshotDuration.Record(elapsed.TotalSeconds, project);
        SnapshotSize.Record(bytes, project);
    }

    /// <summary>Reports <paramref name="gauges"/> until <see cref="Untrack"/>.</summary>
    public static void Track(IMatcherGauges gauges) => Live.TryAdd(gauges, 0);

    /// <summary>Stops reporting <paramref name="gauges"/>.</summary>
    public static void Untrack(IMatcherGauges gauges) => Live.TryRemove(gauges, out _);

    private static List<Measurement<long>> Observe(Func<MatcherGaugeValues, long> select)
    {
        var measurements = new List<Measurement<long>>(Live.Count);
        foreach (var gauges in Live.Keys)
        {
            var values = gauges.ReadGauges();
            measurements.Add(new Measurement<long>(select(values), new KeyValuePair<string, object?>("project", gauges.ProjectId)));
        }

        return measurements;
    }
}
