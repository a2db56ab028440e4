using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using Aquila.Security.Pki;

namespace Aquila.Security.Tests;

/// <summary>The issued files work in a real mutual-TLS handshake over loopback, and the validator reads the peer's identity.</summary>
public sealed class TlsHandshakeTests
{
    [Fact]
    public async Task A_node_certificate_loaded_from_its_files_authenticates_over_mutual_TLS()
    {
        var cancellation = TestContext.Current.CancellationToken;
        using var pki = new TestPki();
        var server = pki.Authority.IssueServerCertificate(pki.NodeDirectory("server"), ["localhost"], [IPAddress.Loopback]);
        var node = pki.Enrol("MK", PartyRole.Node);
        using var serverCertificate = NodeCredentials.Load(server.CertificatePath, server.KeyPath);
        using var clientCertificate = NodeCredentials.Load(node.CertificatePath, node.KeyPath);
        using var validator = pki.Validator();
        using var trustedRoot = X509Certificate2.CreateFromPem(File.ReadAllText(pki.Authority.Files.CertificatePath));

        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;

        var serverSide = Task.Run(async () =>
        {
            using var accepted = await listener.AcceptTcpClientAsync(cancellation);
            await using var tls = new SslStream(accepted.GetStream());
            await tls.AuthenticateAsServerAsync(
                new SslServerAuthenticationOptions
                {
                    ServerCertificate = serverCertificate,
                    ClientCertificateRequired = true,

                    // Accept any certificate at the TLS layer, as Kestrel will; the validator decides afterwards.
                    RemoteCertificateValidationCallback = (_, _, _, _) => true,
                },
                cancellation);
            return validator.Validate(tls.RemoteCertificate as X509Certificate2);
        }, cancellation);

        using var client = new TcpClient();
        await client.ConnectAsync(IPAddress.Loopback, port, cancellation);
        await using var clientTls = new SslStream(client.GetStream());
        await clientTls.AuthenticateAsClientAsync(
            new SslClientAuthenticationOptions
            {
                TargetHost = "localhost",
                ClientCertificates = [clientCertificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) => IsIssuedBy(certificate, trustedRoot),
            },
            cancellation);
        var result = await serverSide;

        Assert.True(clientTls.IsMutuallyAuthenticated);
        Assert.True(result.IsSuccess, result.Message);
        Assert.Equal(("MK", PartyRole.Node), (result.Identity.Party, result.Identity.Role));
    }

    private static bool IsIssuedBy(X509Certificate? certificate, X509Certificate2 root)
    {
        if (certificate is not X509Certificate2 server)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(root);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(server) && server.MatchesHostname("localhost");
    }
}
