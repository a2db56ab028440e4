namespace Aquila.Server.Options;

/// <summary>How a project's state lies in Redis ("Server:Matcher:Redis:Layout").</summary>
public enum RedisStoreLayout
{
    /// <summary>Token postings and hit streams in Redis; instances hold nothing (the default).</summary>
    Postings,

    /// <summary>
    /// Redis holds the project's ordered log of submissions (one entry per batch); every instance applies it to its own
    /// in-memory matcher, kept in its data directory (issue 22).
    /// </summary>
    Log,
}
