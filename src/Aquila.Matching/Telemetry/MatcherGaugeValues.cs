namespace Aquila.Matching.Telemetry;

/// <summary>A project matcher's figures at one moment, for the gauges of <see cref="MatchingMetrics"/>.</summary>
/// <param name="QueuedBatches">Batches in the log, not yet applied.</param>
/// <param name="IndexEntries">Distinct tokens in the index.</param>
/// <param name="IndexPostings">Postings in the index.</param>
/// <param name="IndexBytes">Bytes held by the index arrays.</param>
public readonly record struct MatcherGaugeValues(long QueuedBatches, long IndexEntries, long IndexPostings, long IndexBytes)
{
    /// <summary>Acknowledged batches whose stage-2 work (postings, candidates, comparisons) the worker has not done yet.</summary>
    public long Stage2BacklogBatches { get; init; }

    /// <summary>Records of those batches.</summary>
    public long Stage2BacklogRecords { get; init; }

    /// <summary>Milliseconds the oldest of them has waited (0 when none).</summary>
    public long Stage2BacklogOldestMs { get; init; }
}
