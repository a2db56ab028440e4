using System.Diagnostics.Metrics;
using Aquila.Security.Pki;

namespace Aquila.Server.Health;

/// <summary>
/// The gauge <c>aquila.crl.healthy</c> (meter "Aquila.Server"): 1 while the CRL is present, signed by the CA and current, 0
/// once it is stale or missing — then every caller is refused, so an alert fires before the next update is due.
/// </summary>
internal sealed class CrlMetrics
{
    public const string MeterName = "Aquila.Server";

    public CrlMetrics(IMeterFactory meters, ClientCertificateValidator validator)
    {
        var meter = meters.Create(MeterName, "1.0");
        meter.CreateObservableGauge("aquila.crl.healthy", () => validator.IsCrlHealthy(out _) ? 1 : 0, "{state}",
            "1 while the certificate revocation list is present, signed and current; 0 otherwise.");
    }
}
