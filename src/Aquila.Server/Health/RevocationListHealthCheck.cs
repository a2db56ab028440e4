using Aquila.Security.Pki;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Aquila.Server.Health;

/// <summary>Healthy when the CRL is present, signed by the CA and current: without it every caller is refused.</summary>
internal sealed class RevocationListHealthCheck(ClientCertificateValidator validator) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(validator.IsCrlHealthy(out var description)
            ? HealthCheckResult.Healthy(description)
            : HealthCheckResult.Unhealthy(description));
}
