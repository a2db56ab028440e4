using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Server.Options;
using Aquila.Server.Projects;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// What the server's role adds (docs/scale-out.md): a Coordinator publishes lifecycles and drains the audit stream; a
/// Matcher reads lifecycles from Redis and relays its audit events; a Standalone server uses neither.
/// </summary>
internal sealed record RoleParts(
    IConnectionMultiplexer? Redis, ScaleOutKeys Keys, IProjectLifecycles Lifecycles, AuditRelay? Relay, AuditStreamDrain? Drain)
{
    /// <summary>Builds the parts, among them where coordinated projects' lifecycle is read.</summary>
    public static RoleParts Create(ServerOptions options, MatcherRedis matcherRedis, ProjectStore store, AuditChain audit,
        TimeProvider clock, ILoggerFactory loggers)
    {
        var redisOptions = options.Matcher.Redis;
        var keys = new ScaleOutKeys(redisOptions.KeyPrefix);
        var redis = matcherRedis.Connection;
        var logger = loggers.CreateLogger<RoleParts>();
        switch (options.Role)
        {
            case ServerRole.Matcher:
            {
                var lifecycles = new RedisProjectLifecycles(redis!, keys, clock, redisOptions.LifecycleCacheDuration);
                var relay = new AuditRelay(redis!, keys, clock, redisOptions.AuditRelayTimeout);
                ScaleOutLog.Role(logger, "Matcher", "lifecycle read from Redis, audit events relayed as instance " + relay.Instance);
                return new RoleParts(redis, keys, lifecycles, relay, null);
            }

            case ServerRole.Coordinator:
            {
                var publisher = new LifecyclePublisher(redis!, keys, store);
                var drain = new AuditStreamDrain(redis!, keys, audit, store, publisher, redisOptions.AuditDrainInterval, clock,
                    loggers.CreateLogger<AuditStreamDrain>());
                var lifecycles = new LocalProjectLifecycles(store, audit, publisher, drain);
                ScaleOutLog.Role(logger, "Coordinator", "lifecycle published to Redis, relayed audit events drained into the chain");
                return new RoleParts(redis, keys, lifecycles, null, drain);
            }

            default:
                return new RoleParts(redis, keys, new LocalProjectLifecycles(store, audit, null, null), null, null);
        }
    }
}
