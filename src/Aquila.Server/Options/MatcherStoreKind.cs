namespace Aquila.Server.Options;

/// <summary>Where the matcher keeps project state.</summary>
public enum MatcherStoreKind
{
    /// <summary>In memory, made durable by a write-ahead log per project under the data directory (one server).</summary>
    Embedded,

    /// <summary>In Redis (a single instance or a Cluster), shared by several server instances.</summary>
    Redis,
}
