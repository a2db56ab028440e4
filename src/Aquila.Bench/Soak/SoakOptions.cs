namespace Aquila.Bench.Soak;

/// <summary>What a soak run does: how long, how often it samples, how fast each party submits, how often projects rotate.</summary>
public sealed class SoakOptions
{
    /// <summary>How long the mixed load runs.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How often a sample is recorded.</summary>
    public TimeSpan SampleInterval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long one coordinated project takes submissions before it moves to Matching; it is closed and purged one
    /// lifetime later, so at most two projects hold data at any time and purging is exercised all run long.
    /// </summary>
    public TimeSpan ProjectLifetime { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>Number of simulated parties (2 to 26).</summary>
    public int Parties { get; init; } = 6;

    /// <summary>Records per batch.</summary>
    public int RecordsPerBatch { get; init; } = 500;

    /// <summary>Records each party submits per second (the pace of its batches).</summary>
    public double RecordsPerSecondPerParty { get; init; } = 250;

    /// <summary>Entries each list contributor adds per second to the run's joint list (0: no list load).</summary>
    public int ListEntriesPerSecond { get; init; } = 20;

    /// <summary>Signed hit/no-hit queries per second against the joint list, all contributors together.</summary>
    public double ListQueriesPerSecond { get; init; } = 30;

    /// <summary>Seed of the synthetic persons.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Folder for batches, certificates and server data; a fresh temporary folder when null (deleted after).</summary>
    public string? WorkDirectory { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Parties, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Parties, 26);
        ArgumentOutOfRangeException.ThrowIfLessThan(RecordsPerBatch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RecordsPerBatch, 100_000);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(RecordsPerSecondPerParty, 0);
        ArgumentOutOfRangeException.ThrowIfLessThan(Duration, TimeSpan.FromSeconds(5));
        ArgumentOutOfRangeException.ThrowIfLessThan(SampleInterval, TimeSpan.FromSeconds(1));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(SampleInterval, Duration);
        ArgumentOutOfRangeException.ThrowIfLessThan(ProjectLifetime, TimeSpan.FromSeconds(2));
        ArgumentOutOfRangeException.ThrowIfNegative(ListEntriesPerSecond);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListEntriesPerSecond, 10_000);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(ListQueriesPerSecond, 0);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(ListQueriesPerSecond, 10_000);
    }
}
