using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Grpc.Net.Client;

namespace Aquila.Node;

/// <summary>
/// A gRPC channel to an Aquila server over mutual TLS: the node presents its certificate, and accepts the server
/// only if the server's certificate chains to the project's CA and names the host it dialled.
/// </summary>
public static class AquilaChannel
{
    /// <summary>Creates a channel; dispose it when done.</summary>
    public static GrpcChannel Create(Uri server, NodeIdentity identity)
    {
        ArgumentNullException.ThrowIfNull(server);
        ArgumentNullException.ThrowIfNull(identity);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [identity.Certificate],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                    certificate is X509Certificate2 serverCertificate && IsTrusted(serverCertificate, identity.Authority, errors),
            },
        };
        return GrpcChannel.ForAddress(server, new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = 4 << 20,
            MaxSendMessageSize = 4 << 20,
        });
    }

    private static bool IsTrusted(X509Certificate2 serverCertificate, X509Certificate2 authority, SslPolicyErrors errors)
    {
        // The name must match; the chain is checked against the project's CA only, not the machine's store.
        if ((errors & SslPolicyErrors.RemoteCertificateNameMismatch) != 0 || (errors & SslPolicyErrors.RemoteCertificateNotAvailable) != 0)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(authority);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(serverCertificate);
    }
}
