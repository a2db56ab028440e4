namespace Aquila.Server.Options;

/// <summary>The matcher's store, bound from "Server:Matcher" (e.g. AQUILA__Server__Matcher__Store=Redis).</summary>
public sealed class MatcherOptions
{
    /// <summary>Embedded (default) or Redis.</summary>
    public MatcherStoreKind Store { get; set; } = MatcherStoreKind.Embedded;

    /// <summary>The Redis connection, used when <see cref="Store"/> is Redis.</summary>
    public RedisMatcherOptions Redis { get; set; } = new();

    /// <summary>How the embedded store schedules stage-2 work ("Server:Matcher:Stage2").</summary>
    public Stage2Options Stage2 { get; set; } = new();
}
