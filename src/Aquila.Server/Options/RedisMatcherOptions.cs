using System.ComponentModel.DataAnnotations;

namespace Aquila.Server.Options;

/// <summary>How the matcher reaches Redis ("Server:Matcher:Redis").</summary>
public sealed class RedisMatcherOptions
{
    /// <summary>
    /// A StackExchange.Redis configuration string: one or more host:port (any node of a Cluster is enough; list several
    /// so a start works while one is down), then options, e.g. "10.0.0.5:6379,10.0.0.6:6379,password=…,ssl=true".
    /// </summary>
    public string Configuration { get; set; } = "";

    /// <summary>
    /// How projects lie in Redis: <see cref="RedisStoreLayout.Postings"/> (default; token postings in Redis, instances hold
    /// nothing) or <see cref="RedisStoreLayout.Log"/> (Redis holds each project's log of submissions, every instance matches
    /// in memory; docs/scale-out.md). Every instance must use the same layout; a project opened in the other is refused.
    /// </summary>
    public RedisStoreLayout Layout { get; set; } = RedisStoreLayout.Postings;

    /// <summary>With <see cref="RedisStoreLayout.Log"/>: how often an idle instance looks for batches sent to other instances (reads catch up at once anyway).</summary>
    public TimeSpan LogPollInterval { get; set; } = Matching.Redis.RedisLogStoreOptions.DefaultPollInterval;

    /// <summary>Token shards per project (hash tags, so Cluster slots). Every instance must use the same value.</summary>
    [Range(1, 16384)]
    public int TokenShards { get; set; } = Matching.Redis.RedisProjectStoreOptions.DefaultTokenShards;

    /// <summary>The first part of every key name (default "aq"); give deployments that share one Redis their own prefix.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,32}$")]
    public string KeyPrefix { get; set; } = Matching.Redis.RedisProjectStoreOptions.DefaultKeyPrefix;

    /// <summary>
    /// A Matcher instance reuses a coordinated project's lifecycle read from Redis for this long before reading it again
    /// (hit reads, project info). Submissions always read it fresh. Bounds how long a Closed or purged project can still
    /// be served hits by a Matcher instance.
    /// </summary>
    public TimeSpan LifecycleCacheDuration { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a Matcher instance waits for the coordinator to record a batch acceptance in the audit chain.</summary>
    public TimeSpan AuditRelayTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How long a synchronous Redis call may take before it fails (StackExchange.Redis SyncTimeout; its own default is 5 s,
    /// which a long batch script on a loaded Redis exceeds). From 1 s to 10 minutes.
    /// </summary>
    public TimeSpan SyncTimeout { get; set; } = DefaultTimeout;

    /// <summary>
    /// How long an asynchronous Redis call (every store script, every hit read) may take before it fails
    /// (StackExchange.Redis AsyncTimeout). A call that times out answers the client Unavailable and is retried by it. From
    /// 1 s to 10 minutes.
    /// </summary>
    public TimeSpan AsyncTimeout { get; set; } = DefaultTimeout;

    /// <summary>The default of <see cref="SyncTimeout"/> and <see cref="AsyncTimeout"/>: 30 s.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    /// <summary>The shortest allowed Redis timeout.</summary>
    public static readonly TimeSpan MinimumTimeout = TimeSpan.FromSeconds(1);

    /// <summary>The longest allowed Redis timeout.</summary>
    public static readonly TimeSpan MaximumTimeout = TimeSpan.FromMinutes(10);

    /// <summary>How often the coordinator looks for relayed audit events (and republishes changed lifecycles, every second at most).</summary>
    public TimeSpan AuditDrainInterval { get; set; } = TimeSpan.FromMilliseconds(100);
}
