namespace Aquila.Matching.Redis;

/// <summary>
/// Redis could not be reached or did not answer in time. Nothing was acknowledged; a batch may be resent once Redis is
/// back (resends are idempotent). An <see cref="IOException"/>, like a full disk for the embedded store.
/// </summary>
public sealed class RedisStoreUnavailableException : IOException
{
    /// <summary>Creates the exception with a message for the operator and the Redis client's error.</summary>
    public RedisStoreUnavailableException(string message, Exception inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public RedisStoreUnavailableException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with the default message.</summary>
    public RedisStoreUnavailableException()
        : base("The Redis store is unavailable.")
    {
    }
}
