using Aquila.Coordination.Audit;
using Aquila.Server.Options;
using Aquila.Server.Projects;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// What the server's role adds (docs/scale-out.md): a Coordinator publishes lifecycles and drains the audit stream; a
/// Matcher reads lifecycles from Redis and relays its audit events; a Standalone server uses neither.
/// </summary>
internal sealed record RoleParts(IConnectionMultiplexer? Redis, ScaleOutKeys Keys, AuditRelay? Relay, AuditStreamDrain? Drain)
{
    /// <summary>Builds the parts and sets <see cref="ProjectRegistry.Lifecycles"/>.</summary>
    public static RoleParts Create(ServerOptions options, ProjectRegistry projects, AuditChain audit, ILoggerFactory loggers)
    {
        var redisOptions = options.Matcher.Redis;
        var keys = new ScaleOutKeys(redisOptions.KeyPrefix);
        var redis = projects.Redis;
        var logger = loggers.CreateLogger<RoleParts>();
        switch (options.Role)
        {
            case ServerRole.Matcher:
            {
                projects.Lifecycles = new RedisProjectLifecycles(redis!, keys, TimeProvider.System, redisOptions.LifecycleCacheDuration);
                var relay = new AuditRelay(redis!, keys, TimeProvider.System, redisOptions.AuditRelayTimeout);
                ScaleOutLog.Role(logger, "Matcher", "lifecycle read from Redis, audit events relayed as instance " + relay.Instance);
                return new RoleParts(redis, keys, relay, null);
            }

            case ServerRole.Coordinator:
            {
                var publisher = new LifecyclePublisher(redis!, keys, projects.Store);
                var drain = new AuditStreamDrain(redis!, keys, audit, projects.Store, publisher, redisOptions.AuditDrainInterval,
                    loggers.CreateLogger<AuditStreamDrain>());
                projects.Lifecycles = new LocalProjectLifecycles(projects.Store, audit, publisher, drain);
                ScaleOutLog.Role(logger, "Coordinator", "lifecycle published to Redis, relayed audit events drained into the chain");
                return new RoleParts(redis, keys, null, drain);
            }

            default:
                projects.Lifecycles = new LocalProjectLifecycles(projects.Store, audit, null, null);
                return new RoleParts(redis, keys, null, null);
        }
    }
}
