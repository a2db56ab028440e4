namespace Aquila.Bench;

/// <summary>Where the servers of a load run keep the token index.</summary>
public enum LoadStore
{
    /// <summary>In memory with a write-ahead log per project: one server instance.</summary>
    Embedded,

    /// <summary>In Redis (one instance or a Cluster), shared by every server instance of the run.</summary>
    Redis,
}
