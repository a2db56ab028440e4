using System.Net.Security;
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
        var check = new TlsServerCheck(server.Host, identity.Authority);
        var sockets = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5),
            KeepAlivePingDelay = TimeSpan.FromSeconds(60),
            KeepAlivePingTimeout = TimeSpan.FromSeconds(30),
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = [identity.Certificate],
                RemoteCertificateValidationCallback = (_, certificate, _, errors) => check.Validate(certificate, errors),
            },
        };
        return GrpcChannel.ForAddress(server, new GrpcChannelOptions
        {
            HttpHandler = new ServerCertificateHandler(check, sockets),
            MaxReceiveMessageSize = 4 << 20,
            MaxSendMessageSize = 4 << 20,
        });
    }
}
