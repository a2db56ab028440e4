using Aquila.Tokens.Derivation;

namespace Aquila.Bench.Tests.Postgres;

/// <summary>
/// Batch files of a tiny run (3 parties × 2,000 records, a third shared with a neighbour), with the PostgreSQL baseline
/// and, when Redis is installed, the Redis baseline (appendfsync everysec) run once on them for the tests to read.
/// </summary>
public sealed class PostgresBaselineFixture : IAsyncLifetime
{
    /// <summary>Aquila's figures the PostgreSQL figures are compared with in <see cref="Report"/>.</summary>
    internal static readonly AquilaFigures Aquila = new(IngestTokensPerSecond: 1_000_000, IngestTokensPerCpuSecond: 500_000, LastAckToLastHitSeconds: 0.5);

    private readonly TempDirectory _work = new();

    internal static LoadOptions Options { get; } = new() { Parties = 3, RecordsPerParty = 2_000, RecordsPerBatch = 500, SharedFraction = 0.3, Seed = 11 };

    internal string[] Parties { get; } = PartyCodes.Take(Options.Parties);

    internal IReadOnlyList<PreparedBatch> Batches { get; private set; } = [];

    /// <summary>The PostgreSQL baseline's figures and ratios; null when PostgreSQL is not installed.</summary>
    public LoadReport? Report { get; private set; }

    /// <summary>The Redis baseline on the same batches; null when Redis is not installed.</summary>
    internal RedisResult? Redis { get; private set; }

    public async ValueTask InitializeAsync()
    {
        var cancel = TestContext.Current.CancellationToken;
        using (var key = ProjectKey.Generate())
        {
            Batches = TokenizePhase.Run(Options, Parties, "load", key, _work.File("batches"), cancel).Batches;
        }

        if (PostgresBinaries.Directory is { } bin)
        {
            var report = new LoadReport();
            await PostgresComparison.AddAsync(report, Options, Parties, bin, Batches, Aquila, _ => { }, cancel);
            Report = report;
        }

        if (RedisBinaries.Server is { } redis)
        {
            Redis = await new RedisBaseline(Options, Parties).RunAsync(redis, _work.File("redis"), "everysec", Batches, cancel);
        }
    }

    public ValueTask DisposeAsync()
    {
        _work.Dispose();
        return ValueTask.CompletedTask;
    }
}
