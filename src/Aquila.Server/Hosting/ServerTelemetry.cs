using Aquila.Coordination.Telemetry;
using Aquila.Matching.Telemetry;
using Aquila.Security.Pki;
using Aquila.Server.Health;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Aquila.Server.Options;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Aquila.Server.Hosting;

/// <summary>
/// OpenTelemetry metrics of the server: the Aquila meters (service counters derived from the audit chain, matching
/// instruments), the .NET runtime and process (CPU, memory, GC), exported for Prometheus on the metrics listener only.
/// </summary>
internal static class ServerTelemetry
{
    public static void AddMetrics(IServiceCollection services)
    {
        services.AddSingleton<CrlMetrics>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics
            .AddMeter(AuditMetrics.MeterName, MatchingMetrics.MeterName, CrlMetrics.MeterName)
            .AddRuntimeInstrumentation()
            .AddPrometheusExporter());
    }

    /// <summary>
    /// Spans per gRPC call (ASP.NET Core) and per stage of a batch (<see cref="MatchingActivities"/>), exported over OTLP to
    /// <see cref="TracingOptions.OtlpEndpoint"/>.
    /// </summary>
    public static void AddTracing(IServiceCollection services, TracingOptions tracing) =>
        services.AddOpenTelemetry().WithTracing(traces => traces
            .AddSource(MatchingActivities.SourceName)
            .AddAspNetCoreInstrumentation()
            .AddOtlpExporter(otlp =>
            {
                otlp.Endpoint = new Uri(tracing.OtlpEndpoint);
                otlp.Protocol = tracing.OtlpProtocol;
            }));

    /// <summary>
    /// Serves <paramref name="path"/> on the metrics listener and nothing else there (with mutual TLS, to operators only); the
    /// parties' port never answers a scrape.
    /// </summary>
    public static void MapScrapeEndpoint(WebApplication app, MetricsListener listener, string path)
    {
        app.Services.GetRequiredService<CrlMetrics>();
        if (listener.RequireClientCertificate)
        {
            var logger = app.Services.GetRequiredService<ILogger<MetricsListener>>();
            app.Use((context, next) => !listener.Accepted(context)
                || listener.Authorize(context, context.RequestServices.GetRequiredService<ClientCertificateValidator>(), logger)
                    ? next(context)
                    : Task.CompletedTask);
        }

        app.UseOpenTelemetryPrometheusScrapingEndpoint(
            meterProvider: null,
            predicate: context => listener.Accepted(context) && context.Request.Path == path,
            path: path,
            configureBranchedPipeline: null,
            optionsName: null);
        app.Use((context, next) =>
        {
            if (!listener.Accepted(context))
            {
                return next(context);
            }

            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
