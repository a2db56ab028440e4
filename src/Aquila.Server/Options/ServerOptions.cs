using System.ComponentModel.DataAnnotations;

namespace Aquila.Server.Options;

/// <summary>Everything the server needs, bound by the host from configuration section "Server".</summary>
public sealed class ServerOptions
{
    /// <summary>Address to listen on ("127.0.0.1", "0.0.0.0", "::1").</summary>
    [Required]
    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>Port; 0 picks a free one (tests, demo).</summary>
    [Range(0, 65535)]
    public int Port { get; set; } = 7443;

    /// <summary>The server's TLS certificate (PEM), issued by `aquila ca server-cert`.</summary>
    [Required]
    public string CertificatePath { get; set; } = "";

    /// <summary>The server's TLS private key (PEM).</summary>
    [Required]
    public string KeyPath { get; set; } = "";

    /// <summary>The CA root certificate(s) that client certificates must chain to.</summary>
    [MinLength(1)]
    public List<string> TrustedRootPaths { get; set; } = [];

    /// <summary>The CRL file published by `aquila ca revoke`; reloaded when it changes.</summary>
    [Required]
    public string CrlPath { get; set; } = "";

    /// <summary>Where project state lives (write-ahead logs, audit database).</summary>
    [Required]
    public string DataDirectory { get; set; } = "";

    /// <summary>
    /// Where the server's own keys live (K_server, per-project data keys): outside the data directory, so a copy
    /// of the data alone is not enough to read it.
    /// </summary>
    [Required]
    public string KeyDirectory { get; set; } = "";

    /// <summary>Largest batch file accepted, in bytes.</summary>
    [Range(1024, long.MaxValue)]
    public long MaxBatchBytes { get; set; } = 1L << 30;

    /// <summary>
    /// How often the certificate of a caller holding a long-lived stream (WatchHits, WatchListHits, ExportHits) is
    /// checked again before the next message goes out, so a revocation ends open streams. Unary calls are checked on
    /// every call.
    /// </summary>
    public TimeSpan StreamRecheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Match-key schema files coordinated projects may pin, besides the built-in schema.</summary>
    public List<string> SchemaPaths { get; set; } = [];

    /// <summary>
    /// Standalone (default), or with the Redis store: Coordinator (the one instance that owns lifecycle and audit chain) or
    /// Matcher (a stateless instance serving the Matching service). See docs/scale-out.md.
    /// </summary>
    public ServerRole Role { get; set; } = ServerRole.Standalone;

    /// <summary>Where the matcher keeps project state: Embedded (default) or Redis, shared by several instances.</summary>
    public MatcherOptions Matcher { get; set; } = new();

    /// <summary>Projects declared here (dry runs: no lifecycle, hits released as found); one-time projects are created by the coordinator.</summary>
    public List<ProjectOptions> Projects { get; set; } = [];

    /// <summary>How repeated refusals are collapsed into counted audit entries and log lines.</summary>
    public RefusalAuditOptions Refusals { get; set; } = new();

    /// <summary>How many batch uploads may run at once, where they are spooled, and how long one may sit idle.</summary>
    public UploadOptions Uploads { get; set; } = new();

    /// <summary>How list queries are guarded (signature window, scanning alerts).</summary>
    public ListQueryOptions Lists { get; set; } = new();

    /// <summary>The Prometheus endpoint on its own listener (loopback by default); see docs/operations.md.</summary>
    public MetricsOptions Metrics { get; set; } = new();

    /// <summary>Traces to an OpenTelemetry collector (OTLP); off unless an endpoint is set.</summary>
    public TracingOptions Tracing { get; set; } = new();

    /// <summary>
    /// Kestrel's socket transport runs request code on the socket's I/O thread instead of queuing it to the thread pool
    /// (<c>SocketTransportOptions.UnsafePreferInlineScheduling</c>): one hop less per read, but a handler that blocks stalls
    /// every connection of that thread. Off by default; a setting to measure (benchmarks/RESULTS.md, issue 21).
    /// </summary>
    public bool InlineSocketScheduling { get; set; }

    /// <summary>
    /// A copy for another instance of the same deployment: every setting the same (lists and nested options shared),
    /// its own data directory.
    /// </summary>
    public ServerOptions ForInstance(string dataDirectory)
    {
        ArgumentException.ThrowIfNullOrEmpty(dataDirectory);
        var copy = (ServerOptions)MemberwiseClone();
        copy.DataDirectory = dataDirectory;
        return copy;
    }
}
