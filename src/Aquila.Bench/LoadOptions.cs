namespace Aquila.Bench;

/// <summary>What one load run does: how many parties and records, how batches are cut, which baselines run.</summary>
public sealed class LoadOptions
{
    /// <summary>The server's metrics listener (Server:Metrics:Listen): loopback on a free port by default, "off" to measure without.</summary>
    public string MetricsListen { get; init; } = Aquila.Server.Options.MetricsOptions.DefaultListen;

    /// <summary>Number of simulated parties (2 to 26).</summary>
    public int Parties { get; init; } = 6;

    /// <summary>Records per party.</summary>
    public int RecordsPerParty { get; init; } = 1_000_000;

    /// <summary>Records per batch file; each party's data is cut into batches of this size so ack latencies can be measured.</summary>
    public int RecordsPerBatch { get; init; } = 100_000;

    /// <summary>Fraction of each party's records that describe a person another party also holds (0 to 1).</summary>
    public double SharedFraction { get; init; } = 0.1;

    /// <summary>Seed of the synthetic persons.</summary>
    public int Seed { get; init; } = 1;

    /// <summary>Folder for batches, certificates and server data; a fresh temporary folder when null (deleted after).</summary>
    public string? WorkDirectory { get; init; }

    /// <summary>The redis-server executable; null looks for it on PATH. The baselines are skipped when none is found.</summary>
    public string? RedisServerPath { get; init; }

    /// <summary>Where the servers keep the token index: embedded (one instance) or Redis (shared by <see cref="Instances"/>).</summary>
    public LoadStore Store { get; init; } = LoadStore.Embedded;

    /// <summary>Server instances; batches are spread over them round-robin. More than one needs the Redis store.</summary>
    public int Instances { get; init; } = 1;

    /// <summary>
    /// Redis store: a StackExchange.Redis configuration string of an existing Redis (e.g. "10.0.0.5:7001,10.0.0.6:7002");
    /// null starts a redis-server (see <see cref="RedisCluster"/>) on free loopback ports for the run and stops it after.
    /// </summary>
    public string? RedisConfiguration { get; init; }

    /// <summary>Redis store without <see cref="RedisConfiguration"/>: start a 3-master Redis Cluster instead of one redis-server.</summary>
    public bool RedisCluster { get; init; }

    /// <summary>
    /// Redis store: how projects lie in Redis — token postings (the default) or the log of submissions every instance
    /// follows with its own matcher (Server:Matcher:Redis:Layout).
    /// </summary>
    public Aquila.Server.Options.RedisStoreLayout RedisLayout { get; init; } = Aquila.Server.Options.RedisStoreLayout.Postings;

    /// <summary>
    /// Redis store: also run the embedded store (one instance) on the same batch files in the same run, first, and report
    /// the Redis store against it (<c>embedded_*</c> figures and <c>redis_store_vs_embedded_*_ratio</c>). False skips it.
    /// </summary>
    public bool CompareEmbedded { get; init; } = true;

    /// <summary>False skips the Redis baselines.</summary>
    public bool RunRedis { get; init; } = true;

    /// <summary>Redis baseline: members per SADD command (pinned at 100).</summary>
    public int RedisMembersPerCommand { get; init; } = 100;

    /// <summary>Redis baseline: SADD commands in flight per client connection (pipeline depth).</summary>
    public int RedisPipelineDepth { get; init; } = 1000;

    /// <summary>Redis baseline: sets per party; a token goes to the set of its first byte modulo this.</summary>
    public int RedisShards { get; init; } = 256;

    /// <summary>True makes the batches carry stage-2 block entries (the node's comparison writer); false, stage-1 tokens only.</summary>
    public bool Stage2 { get; init; }

    /// <summary>
    /// Instead of the server phase and the baselines: the matcher's stage-2 cost (issue 16) on the same batch files (they
    /// carry stage 2): stage 1 alone, stage 2 before each acknowledgement, stage 2 after it (the project's worker), each
    /// entering Matching after the last acknowledgement (<see cref="MatcherStage2Phase"/>).
    /// </summary>
    public bool MatcherStage2 { get; init; }

    /// <summary>
    /// With <see cref="MatcherStage2"/>: which runs, comma-separated, of stage1, before, after (default all three, in that
    /// order). One per process gives memory figures no earlier run in the process can blur.
    /// </summary>
    public string MatcherStage2Runs { get; init; } = "stage1,before,after";

    /// <summary>
    /// With <see cref="MatcherStage2"/>: a match-key schema file for the matcher instead of the built-in one (e.g. other
    /// fanout caps); its blocks and fields must be the built-in schema's, since the batches are written under that.
    /// </summary>
    public string? MatcherSchemaPath { get; init; }

    /// <summary>
    /// With <see cref="MatcherStage2"/>: the stage-2 backlog cap of the run with the worker (records whose stage-2 work
    /// may wait; past it acknowledgements wait, as in the server). Null: no cap, so the worker is measured unhindered —
    /// every acknowledged batch's block entries then wait in memory while ingest outruns the worker.
    /// </summary>
    public long? MatcherStage2BacklogRecords { get; init; }

    /// <summary>
    /// An <c>aquila synth</c> data set's folder: each party tokenises its <c>CODE.csv</c> there (up to
    /// <see cref="RecordsPerParty"/> records) instead of the bench's own persons (<see cref="BenchPersonSource"/>).
    /// </summary>
    public string? PersonsDirectory { get; init; }

    /// <summary>False skips the PostgreSQL baseline.</summary>
    public bool RunPostgres { get; init; } = true;

    /// <summary>
    /// The folder with PostgreSQL's initdb, postgres and pg_ctl; null looks for them (pg_config --bindir, /usr/lib/postgresql/*/bin,
    /// PATH). The PostgreSQL baseline is skipped when none is found.
    /// </summary>
    public string? PostgresBinDirectory { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Parties, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Parties, 26);
        ArgumentOutOfRangeException.ThrowIfLessThan(RecordsPerParty, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(RecordsPerBatch, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(RecordsPerBatch, 1_000_000);
        if (SharedFraction is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(SharedFraction), SharedFraction, "The shared fraction is between 0 and 1.");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(Instances, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(Instances, 16);
        if (Store == LoadStore.Embedded && (Instances > 1 || RedisConfiguration is not null || RedisCluster))
        {
            throw new ArgumentException(
                "--instances above 1, --redis and --cluster need --store redis: the embedded store belongs to one server instance.");
        }

        if (Store == LoadStore.Embedded && RedisLayout != Aquila.Server.Options.RedisStoreLayout.Postings)
        {
            throw new ArgumentException("--redis-layout needs --store redis.");
        }

        if (MatcherStage2 && (!Stage2 || Store != LoadStore.Embedded))
        {
            throw new ArgumentException("--matcher-stage2 needs --stage2 (the batches carry stage 2) and the embedded store.");
        }

        MatcherStage2Report.Validate(MatcherStage2Runs);
        if (MatcherSchemaPath is not null && !MatcherStage2)
        {
            throw new ArgumentException("--matcher-schema needs --matcher-stage2.");
        }

        if (MatcherStage2BacklogRecords is { } backlog && (!MatcherStage2 || backlog < 1))
        {
            throw new ArgumentException("--matcher-stage2-backlog needs --matcher-stage2 and is at least 1 record.");
        }

        if (RedisConfiguration is not null && RedisCluster)
        {
            throw new ArgumentException("--cluster starts a local Redis Cluster; with --redis the Redis is yours, so leave out --cluster.");
        }
    }
}
