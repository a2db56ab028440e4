namespace Aquila.Bench.Tests.RedisStore;

/// <summary>Runs that start servers and redis-server processes: one at a time on a two-core machine.</summary>
[CollectionDefinition(nameof(RedisStoreRuns), DisableParallelization = true)]
public sealed class RedisStoreRuns;
