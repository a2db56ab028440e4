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

    /// <summary>Token shards per project (hash tags, so Cluster slots). Every instance must use the same value.</summary>
    [Range(1, 16384)]
    public int TokenShards { get; set; } = Matching.Redis.RedisProjectStoreOptions.DefaultTokenShards;

    /// <summary>The first part of every key name (default "aq"); give deployments that share one Redis their own prefix.</summary>
    [RegularExpression("^[A-Za-z0-9._-]{1,32}$")]
    public string KeyPrefix { get; set; } = Matching.Redis.RedisProjectStoreOptions.DefaultKeyPrefix;
}
