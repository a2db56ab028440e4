using System.Net;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Options;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.AspNetCore.Server.Kestrel.Https;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Hosting;

/// <summary>
/// The listener Prometheus scrapes, apart from the parties' port: plain HTTP/1.1, or with
/// <see cref="MetricsOptions.RequireClientCertificate"/> mutual TLS 1.3 that answers operator-role certificates only.
/// </summary>
internal sealed class MetricsListener(IPEndPoint endPoint, bool requireClientCertificate)
{
    private ListenOptions? _listen;

    public bool RequireClientCertificate => requireClientCertificate;

    /// <summary>The bound address (the port the system picked for port 0) once the server has started.</summary>
    public IPEndPoint BoundEndPoint => _listen?.IPEndPoint ?? throw new InvalidOperationException("The metrics listener is not bound yet.");

    /// <summary>The scrape address, http or https.</summary>
    public Uri ScrapeUri(string path) => new(new Uri((requireClientCertificate ? "https://" : "http://") + BoundEndPoint), path);

    public void Configure(KestrelServerOptions kestrel, X509Certificate2 serverCertificate) =>
        kestrel.Listen(endPoint, listen =>
        {
            _listen = listen;
            listen.Protocols = HttpProtocols.Http1;
            if (requireClientCertificate)
            {
                listen.UseHttps(new HttpsConnectionAdapterOptions
                {
                    ServerCertificate = serverCertificate,
                    SslProtocols = SslProtocols.Tls13,
                    // No certificate: no handshake. Any certificate passes TLS; Authorize checks chain, revocation and role.
                    ClientCertificateMode = ClientCertificateMode.RequireCertificate,
                    ClientCertificateValidation = static (_, _, _) => true,
                });
            }
        });

    /// <summary>True when <paramref name="context"/> arrived on this listener (Kestrel updated the port it bound).</summary>
    public bool Accepted(HttpContext context) => _listen?.IPEndPoint is { } bound && context.Connection.LocalPort == bound.Port;

    /// <summary>
    /// With mutual TLS: true for a certificate of the Aquila CA, current and not revoked, with the operator role; otherwise
    /// answers 403, logs why (serial, party, role: no personal data) and returns false.
    /// </summary>
    public bool Authorize(HttpContext context, ClientCertificateValidator validator, ILogger logger)
    {
        if (!requireClientCertificate)
        {
            return true;
        }

        var result = validator.Validate(context.Connection.ClientCertificate);
        if (result.IsSuccess && result.Identity.Role == PartyRole.Operator)
        {
            return true;
        }

        var (failure, reason) = result.IsSuccess
            ? ("Denied", $"{result.Identity} is not an operator certificate")
            : (result.Failure.ToString(), result.Message);
        ServerLog.MetricsScrapeRefused(logger, failure, reason);
        context.Response.StatusCode = StatusCodes.Status403Forbidden;
        return false;
    }
}
