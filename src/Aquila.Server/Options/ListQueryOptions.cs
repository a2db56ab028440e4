using System.ComponentModel.DataAnnotations;

namespace Aquila.Server.Options;

/// <summary>How the server guards list queries: signature time window and scanning alerts (section "Server:Lists").</summary>
public sealed class ListQueryOptions
{
    /// <summary>A signed query is accepted only when its signing time is at most this far from the server's clock.</summary>
    public TimeSpan SignatureWindow { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The window in which near-identical queries of one party are counted.</summary>
    public TimeSpan ScanningWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>An alert is written when a party sends more than this many near-identical queries within the window.</summary>
    [Range(1, 1_000_000)]
    public int ScanningQueries { get; set; } = 20;

    /// <summary>A query is near-identical when at least this share of its tokens was in the party's earlier queries of the window.</summary>
    [Range(0.01, 1.0)]
    public double ScanningOverlap { get; set; } = 0.5;

    /// <summary>Most queries in one QueryBatch call.</summary>
    [Range(1, 100_000)]
    public int MaxBatchQueries { get; set; } = 1000;

    /// <summary>Most persons in one bulk check (Check call).</summary>
    [Range(1, 1_000_000)]
    public int MaxCheckPersons { get; set; } = 100_000;

    /// <summary>Most persons in one chunk of a bulk check: the server answers, and commits the audit entries of, a chunk at a time.</summary>
    [Range(1, 10_000)]
    public int MaxCheckChunkPersons { get; set; } = 1000;
}
