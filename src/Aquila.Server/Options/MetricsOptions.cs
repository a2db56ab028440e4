namespace Aquila.Server.Options;

/// <summary>
/// The Prometheus scrape endpoint (section "Server:Metrics"): plain HTTP on its own listener, never on the parties' mutual-TLS
/// port. Keep it on loopback (a local Prometheus or agent scrapes it) or on a management network.
/// </summary>
public sealed class MetricsOptions
{
    /// <summary>The default: loopback, a free port (logged at start); deployments set a fixed port such as 127.0.0.1:9464.</summary>
    public const string DefaultListen = "127.0.0.1:0";

    /// <summary>"address:port" ("127.0.0.1:9464", "[::1]:9464") of the metrics listener; "off" or empty turns metrics off.</summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>The path Prometheus scrapes.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>True unless <see cref="Listen"/> is empty or "off".</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Listen) && !Listen.Trim().Equals("off", StringComparison.OrdinalIgnoreCase);
}
