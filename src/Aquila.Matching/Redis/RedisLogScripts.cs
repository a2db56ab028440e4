namespace Aquila.Matching.Redis;

/// <summary>The Lua scripts of the log layout: each touches the keys of one project (one hash tag) and does O(1) work per batch.</summary>
internal static class RedisLogScripts
{
    /// <summary>
    /// Stores the definition and the layout when the project is new. KEYS[1] = definition, KEYS[2] = layout; ARGV[1] =
    /// encoded definition, ARGV[2] = layout version. Returns the stored definition and layout.
    /// </summary>
    public const string Open = """
        if redis.call('SET', KEYS[1], ARGV[1], 'NX') then redis.call('SET', KEYS[2], ARGV[2]) end
        return {redis.call('GET', KEYS[1]), redis.call('GET', KEYS[2])}
        """;

    /// <summary>
    /// Appends one sealed entry to the log, unless the project was purged (its wrapped data key is gone), so a purge is
    /// never undone by a late append. KEYS[1] = wrapped data key, KEYS[2] = log; ARGV[1] = sealed entry. Returns the
    /// entry id, or nil for a purged project.
    /// </summary>
    public const string Append = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return false end
        return redis.call('XADD', KEYS[2], '*', 'e', ARGV[1])
        """;

    /// <summary>
    /// Up to ARGV[2] entries of the log after id ARGV[1] (exclusive; '-' for the start), or nil when the project was
    /// purged (its wrapped data key is gone). KEYS[1] = wrapped data key, KEYS[2] = log.
    /// </summary>
    public const string Read = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return false end
        return redis.call('XRANGE', KEYS[2], ARGV[1], '+', 'COUNT', ARGV[2])
        """;
}
