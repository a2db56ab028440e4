using Aquila.Server.Options;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aquila.Server.Health;

/// <summary>Healthy when the data directory accepts a durable write (a full or read-only disk shows here first).</summary>
internal sealed class DataDirectoryHealthCheck(ServerOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var probe = Path.Combine(options.DataDirectory, ".health-" + Environment.ProcessId);
        try
        {
            await using (var stream = new FileStream(probe, FileMode.Create, FileAccess.Write, FileShare.None, 1, FileOptions.WriteThrough))
            {
                await stream.WriteAsync("ok"u8.ToArray(), cancellationToken);
                stream.Flush(flushToDisk: true);
            }

            File.Delete(probe);
            return HealthCheckResult.Healthy("data directory writable");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return HealthCheckResult.Unhealthy("data directory not writable: " + e.GetType().Name);
        }
    }
}
