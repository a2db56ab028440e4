using StackExchange.Redis;

namespace Aquila.Server.ScaleOut;

/// <summary>What a throw-away deployment (a simulation or a benchmark with a key prefix of its own) removes after its run.</summary>
public static class ScaleOutCleanup
{
    /// <summary>
    /// Deletes the audit relay stream shared by the instances under <paramref name="keyPrefix"/>; call it only when no
    /// instance of that deployment runs any more (a coordinator drains the stream into its chain while it runs).
    /// Returns the number of keys deleted.
    /// </summary>
    public static async Task<long> DeleteAuditRelayAsync(IConnectionMultiplexer connection, string keyPrefix)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.GetDatabase().KeyDeleteAsync(new ScaleOutKeys(keyPrefix).AuditStream) ? 1 : 0;
    }
}
