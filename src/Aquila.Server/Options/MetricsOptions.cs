namespace Aquila.Server.Options;

/// <summary>
/// The Prometheus scrape endpoint (section "Server:Metrics"): its own listener, never the parties' port. Plain HTTP on loopback
/// (a local Prometheus or agent scrapes it), or mutual TLS (<see cref="RequireClientCertificate"/>) where Prometheus scrapes
/// over a network with an operator-role certificate.
/// </summary>
public sealed class MetricsOptions
{
    /// <summary>The default: loopback, a free port (logged at start); deployments set a fixed port such as 127.0.0.1:9464.</summary>
    public const string DefaultListen = "127.0.0.1:0";

    /// <summary>"address:port" ("127.0.0.1:9464", "[::1]:9464") of the metrics listener; "off" or empty turns metrics off.</summary>
    public string Listen { get; set; } = DefaultListen;

    /// <summary>
    /// True: the listener speaks TLS 1.3 with the server's certificate and answers only a client certificate of the Aquila CA
    /// (valid, not revoked) with the operator role; no certificate fails the handshake, any other role gets 403.
    /// </summary>
    public bool RequireClientCertificate { get; set; }

    /// <summary>The path Prometheus scrapes.</summary>
    public string Path { get; set; } = "/metrics";

    /// <summary>True unless <see cref="Listen"/> is empty or "off".</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(Listen) && !Listen.Trim().Equals("off", StringComparison.OrdinalIgnoreCase);
}
