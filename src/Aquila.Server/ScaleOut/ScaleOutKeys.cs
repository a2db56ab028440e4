using StackExchange.Redis;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// Key names of what the instances of a Redis deployment share besides the token store (docs/scale-out.md). A project's
/// keys carry the project's hash tag, so the token store's purge deletes them too; the other tags start with '#', which
/// no project id can contain, so no project's purge pattern reaches them.
/// </summary>
internal sealed class ScaleOutKeys(string prefix)
{
    /// <summary>The consumer group (and its only consumer) of the audit stream: the coordinator.</summary>
    public const string AuditGroup = "coordinator";

    /// <summary>A coordinated project's published lifecycle: hash of version "v" and project document "doc".</summary>
    public RedisKey Lifecycle(string projectId) => $"{prefix}:{{{projectId}}}:lifecycle";

    /// <summary>The coordinator's audit head "sequence:hash" for a relayed batch acceptance (expires after a day).</summary>
    public RedisKey AcceptanceHead(string projectId, string batchIdHex) => $"{prefix}:{{{projectId}}}:ah:{batchIdHex}";

    /// <summary>The stream matcher instances append their audit events to.</summary>
    public RedisKey AuditStream => $"{prefix}:{{#audit}}:events";

    /// <summary>A used query nonce of a party (SET NX with expiry).</summary>
    public RedisKey Nonce(string party, string nonceHex) => $"{prefix}:{{#q:{party}}}:n:{nonceHex}";

    /// <summary>A party's query tokens counted against a list's quota on one UTC day (INCRBY with expiry).</summary>
    public RedisKey Quota(string projectId, string party, int dayNumber) => $"{prefix}:{{#q:{party}}}:quota:{projectId}:{dayNumber}";
}
