namespace Aquila.Server.Options;

/// <summary>What one server instance does in a deployment ("Server:Role"); see docs/scale-out.md.</summary>
public enum ServerRole
{
    /// <summary>One server does everything: matching, lists, coordination and the audit chain (the default).</summary>
    Standalone,

    /// <summary>
    /// The single coordination instance of a Redis deployment: owns the projects' lifecycle and the audit chain (SQLite),
    /// publishes each coordinated project's state into Redis, and drains the audit events matcher instances relay. It also
    /// serves the matching calls itself.
    /// </summary>
    Coordinator,

    /// <summary>
    /// A stateless matcher instance of a Redis deployment: serves the Matching service only, reads coordinated projects'
    /// lifecycle from Redis and relays its audit events to the coordinator through a Redis stream.
    /// </summary>
    Matcher,
}
