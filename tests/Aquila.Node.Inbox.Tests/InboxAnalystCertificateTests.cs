using System.Net;
using System.Security.Cryptography.X509Certificates;

namespace Aquila.Node.Inbox.Tests;

/// <summary>
/// Mutual TLS on the inbox's listener: an analyst certificate of the node's own party gets the inbox; an analyst of another
/// party, the party's node certificate, or no certificate get 403 and nothing of it.
/// </summary>
[Collection(InboxCollection.Name)]
public sealed class InboxAnalystCertificateTests(InboxFlowFixture fixture)
{
    private InboxOptions MutualTlsOptions() => fixture.InboxOptions(fixture.NewDirectory("inbox")) with
    {
        Tls = new InboxTlsOptions(fixture.Pki.Server.CertificatePath, fixture.Pki.Server.KeyPath, fixture.Pki.AuthorityCertificatePath,
            fixture.Pki.CrlPath),
    };

    [Fact]
    public async Task An_analyst_certificate_of_the_nodes_party_opens_the_inbox_over_mutual_tls()
    {
        await using var inbox = await InboxHost.StartAsync(MutualTlsOptions(), null, TestContext.Current.CancellationToken);
        using var client = Client(inbox.Address, "RS-analyst");

        using var page = await client.GetAsync("/", TestContext.Current.CancellationToken);

        Assert.True(inbox.MutualTls);
        Assert.Equal("https", inbox.Address.Scheme);
        Assert.Equal(inbox.Address, inbox.Url);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("<h1>Hits</h1>", await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("BA-analyst")]
    [InlineData("RS")]
    [InlineData(null)]
    public async Task Another_partys_analyst_a_node_certificate_or_no_certificate_gets_nothing(string? identity)
    {
        var cancel = TestContext.Current.CancellationToken;
        await using var inbox = await InboxHost.StartAsync(MutualTlsOptions(), null, cancel);
        using var client = Client(inbox.Address, identity);

        foreach (var path in new[] { "/", "/export.csv", "/events", "/?token=" + inbox.Token.Value })
        {
            using var response = await client.GetAsync(path, cancel);
            var body = await response.Content.ReadAsStringAsync(cancel);

            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain("<h1>", body, StringComparison.Ordinal);
            Assert.DoesNotContain("hit_id", body, StringComparison.Ordinal);
        }
    }

    // A client that trusts the test CA for the inbox's certificate and presents the given identity's certificate (or none).
    private HttpClient Client(Uri address, string? identity)
    {
        var authority = X509CertificateLoader.LoadCertificateFromFile(fixture.Pki.AuthorityCertificatePath);
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) =>
        {
            using var chain = new X509Chain();
            chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
            chain.ChainPolicy.CustomTrustStore.Add(authority);
            chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
            return certificate is X509Certificate2 leaf && chain.Build(leaf);
        };
        if (identity is not null)
        {
            var node = NodeIdentity.Load(fixture.Identities[identity]);
            handler.SslOptions.ClientCertificates = [node.Certificate];
            handler.SslOptions.LocalCertificateSelectionCallback = (_, _, _, _, _) => node.Certificate;
        }

        return new HttpClient(handler) { BaseAddress = address };
    }
}
