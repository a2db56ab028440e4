using System.Security.Authentication;

namespace Aquila.Node;

/// <summary>
/// Turns a TLS handshake that failed because this node refused the server's certificate into a
/// <see cref="ServerCertificateRejectedException"/> that says why (gRPC passes it on as the status's debug exception).
/// </summary>
internal sealed class ServerCertificateHandler(TlsServerCheck check, HttpMessageHandler inner) : DelegatingHandler(inner)
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException e) when (e.InnerException is AuthenticationException && check.Rejection is { } reason)
        {
            throw new ServerCertificateRejectedException(reason, e);
        }
    }
}
