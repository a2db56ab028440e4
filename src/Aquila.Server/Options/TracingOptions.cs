using OpenTelemetry.Exporter;

namespace Aquila.Server.Options;

/// <summary>
/// Traces (section "Server:Tracing"): a span per gRPC call and per stage of a batch (encode, write-ahead log, index), with
/// project id, party code and batch id, exported over OTLP. Off by default.
/// </summary>
public sealed class TracingOptions
{
    /// <summary>The collector's OTLP endpoint, e.g. "http://127.0.0.1:4317"; empty turns tracing off.</summary>
    public string OtlpEndpoint { get; set; } = "";

    /// <summary>Grpc (port 4317, default) or HttpProtobuf (port 4318, with the full path /v1/traces).</summary>
    public OtlpExportProtocol OtlpProtocol { get; set; } = OtlpExportProtocol.Grpc;

    /// <summary>True when an endpoint is set.</summary>
    public bool Enabled => !string.IsNullOrWhiteSpace(OtlpEndpoint);
}
