using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using Aquila.Node;

namespace Aquila.Server.Tests.Metrics;

/// <summary>
/// The metrics listener with mutual TLS: an operator certificate of the Aquila CA scrapes; a party's node, analyst or
/// coordinator certificate gets 403; no certificate gets no TLS session.
/// </summary>
[Collection(nameof(ServerCollection))]
public class MetricsMutualTlsTests(MetricsTlsFixture fixture) : IClassFixture<MetricsTlsFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_operator_certificate_scrapes_the_metrics_over_TLS()
    {
        using var http = Client("operator");

        using var response = await http.GetAsync(fixture.Server.MetricsUri, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("https", fixture.Server.MetricsUri!.Scheme);
        Assert.Contains("aquila_crl_healthy", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("RS")]
    [InlineData("RS-analyst")]
    [InlineData("coordinator")]
    [InlineData("RS-revoked")]
    public async Task A_certificate_without_the_operator_role_or_a_revoked_one_is_refused(string identity)
    {
        using var http = Client(identity);

        using var response = await http.GetAsync(fixture.Server.MetricsUri, Cancel);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.DoesNotContain("aquila_", await response.Content.ReadAsStringAsync(Cancel), StringComparison.Ordinal);
        Assert.Contains(fixture.Logs.Entries, e => e.Message.StartsWith("Refused a scrape of the metrics listener", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scrape_without_a_certificate_gets_no_TLS_session()
    {
        using var http = Client(null);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(fixture.Server.MetricsUri, Cancel));
    }

    [Fact]
    public async Task Plain_HTTP_to_the_metrics_listener_gets_no_metrics()
    {
        using var http = new HttpClient();
        var plain = new UriBuilder(fixture.Server.MetricsUri!) { Scheme = "http" }.Uri;

        var failed = await Record.ExceptionAsync(async () =>
        {
            using var response = await http.GetAsync(plain, Cancel);
            Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        });

        Assert.True(failed is null or HttpRequestException, failed?.ToString());
    }

    private HttpClient Client(string? identity)
    {
        var node = identity is null ? null : NodeIdentity.Load(fixture.Identities[identity]);
        var authority = X509CertificateLoader.LoadCertificateFromFile(fixture.Pki.AuthorityCertificatePath);
        var handler = new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions
            {
                ClientCertificates = node is null ? null : [node.Certificate],
                RemoteCertificateValidationCallback = (_, certificate, _, _) =>
                {
                    using var chain = new X509Chain();
                    chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
                    chain.ChainPolicy.CustomTrustStore.Add(authority);
                    chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
                    return chain.Build((X509Certificate2)certificate!);
                },
            },
        };
        return new HttpClient(handler, disposeHandler: true);
    }
}
