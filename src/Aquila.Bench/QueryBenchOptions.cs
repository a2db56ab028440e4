namespace Aquila.Bench;

/// <summary>What <c>aquila bench query</c> measures: a list of <see cref="Entries"/> entries queried over mutual TLS.</summary>
public sealed class QueryBenchOptions
{
    /// <summary>Entries on the list (one contributor).</summary>
    public int Entries { get; init; } = 1_000_000;

    /// <summary>Queries sent (each one person, two tokens, signed).</summary>
    public int Queries { get; init; } = 20_000;

    /// <summary>Queries sent first and not measured, so the JIT has optimised the hot path (0: none).</summary>
    public int WarmupQueries { get; init; } = 10_000;

    /// <summary>Queries in flight at once.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>
    /// Queries per second offered whatever the answers (open loop, up to <see cref="Concurrency"/> in flight), as a
    /// service sees them; 0: closed loop, each of <see cref="Concurrency"/> callers sends again when answered.
    /// </summary>
    public double Rate { get; init; }

    /// <summary>Share of queries that hit an entry.</summary>
    public double HitFraction { get; init; } = 0.5;

    /// <summary>
    /// The command that runs <c>aquila</c> (program, then leading arguments, e.g. <c>dotnet</c>, <c>aquila.dll</c>): when
    /// set, the server runs as <c>aquila server</c> in a process of its own and its CPU is reported apart; when null, in
    /// the load driver's process.
    /// </summary>
    public IReadOnlyList<string>? ServerCommand { get; init; }

    /// <summary>Keep certificates and server data here (null: a temporary directory, deleted afterwards).</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>Run the Redis SISMEMBER baseline when a redis-server is found.</summary>
    public bool RunRedis { get; init; } = true;

    /// <summary>The redis-server executable (null: the one on PATH).</summary>
    public string? RedisServerPath { get; init; }

    /// <summary>
    /// Environment variables set for the server process only (with <see cref="ServerCommand"/>), e.g. a runtime knob
    /// such as <c>DOTNET_TieredPGO=0</c> to compare against a run without it.
    /// </summary>
    public IReadOnlyDictionary<string, string> ServerEnvironment { get; init; } = new Dictionary<string, string>();

    /// <summary>Persons sent as bulk checks after the single queries (0: no bulk check).</summary>
    public int BulkPersons { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegative(BulkPersons, nameof(BulkPersons));
        ArgumentOutOfRangeException.ThrowIfLessThan(Entries, 1, nameof(Entries));
        ArgumentOutOfRangeException.ThrowIfLessThan(Queries, 1, nameof(Queries));
        ArgumentOutOfRangeException.ThrowIfLessThan(Concurrency, 1, nameof(Concurrency));
        ArgumentOutOfRangeException.ThrowIfNegative(WarmupQueries, nameof(WarmupQueries));
        ArgumentOutOfRangeException.ThrowIfNegative(Rate, nameof(Rate));
        if (HitFraction is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(HitFraction), HitFraction, "The hit fraction must be between 0 and 1.");
        }
    }
}
