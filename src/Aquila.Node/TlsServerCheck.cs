using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Node;

/// <summary>
/// The node's check of the server's TLS certificate for one channel: it must chain to the project's CA (not the
/// machine's store) and name the host the node dialled. Remembers why it last refused, so the failure can be reported
/// as what it is instead of a bare TLS error.
/// </summary>
internal sealed class TlsServerCheck(string host, X509Certificate2 authority)
{
    private string? _rejection;

    /// <summary>Why the last certificate was refused, or null if none was.</summary>
    public string? Rejection => Volatile.Read(ref _rejection);

    public bool Validate(X509Certificate? certificate, SslPolicyErrors errors)
    {
        var reason = Problem(certificate as X509Certificate2, errors);
        if (reason is not null)
        {
            Volatile.Write(ref _rejection, reason);
        }

        return reason is null;
    }

    private string? Problem(X509Certificate2? certificate, SslPolicyErrors errors)
    {
        if (certificate is null || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return "the server presented no TLS certificate.";
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        if (!chain.Build(certificate))
        {
            foreach (var status in chain.ChainStatus)
            {
                if (status.Status is X509ChainStatusFlags.NotTimeValid)
                {
                    return $"the server's certificate is outside its validity ({certificate.NotBefore:yyyy-MM-dd} to "
                        + $"{certificate.NotAfter:yyyy-MM-dd}): the operator must issue a new one (aquila ca server-cert).";
                }
            }

            return $"the server's certificate ({certificate.Subject}) is not from your CA ({authority.Subject}, the ca.crt.pem in "
                + "your certificate folder): check the server address, or get the CA certificate of this deployment.";
        }

        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0)
        {
            return $"the server's certificate does not name {host} — issue it with --ip/--dns (aquila ca server-cert --dns NAME "
                + "--ip ADDRESS), or dial the server by a name its certificate holds.";
        }

        return null;
    }
}
