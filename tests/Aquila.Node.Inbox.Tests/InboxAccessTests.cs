using System.Net;

namespace Aquila.Node.Inbox.Tests;

/// <summary>The loopback token gate and the security headers, seen by a plain HTTP client.</summary>
[Collection(InboxCollection.Name)]
public sealed class InboxAccessTests(InboxFlowFixture fixture)
{
    [Fact]
    public async Task Requests_without_the_token_are_refused_and_the_token_url_sets_a_cookie_and_leaves_the_address()
    {
        await using var inbox = await InboxHost.StartAsync(fixture.InboxOptions(fixture.NewDirectory("inbox")), null,
            TestContext.Current.CancellationToken);
        using var handler = new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false };
        using var client = new HttpClient(handler) { BaseAddress = inbox.Address };
        var cancel = TestContext.Current.CancellationToken;

        using var bare = await client.GetAsync("/", cancel);
        using var wrong = await client.GetAsync("/?token=" + new string('0', 64), cancel);
        using var export = await client.GetAsync("/export.csv", cancel);
        using var withToken = await client.GetAsync(inbox.Url.PathAndQuery, cancel);

        Assert.Equal(HttpStatusCode.Unauthorized, bare.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, export.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, withToken.StatusCode);
        Assert.Equal("/", withToken.Headers.Location!.OriginalString);
        var cookie = Assert.Single(withToken.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Every_page_carries_a_strict_content_security_policy()
    {
        await using var inbox = await InboxHost.StartAsync(fixture.InboxOptions(fixture.NewDirectory("inbox")), null,
            TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = inbox.Address };

        using var page = await client.GetAsync(inbox.Url.PathAndQuery, TestContext.Current.CancellationToken);
        var html = await page.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var policy = string.Join(";", page.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("default-src 'none'", policy, StringComparison.Ordinal);
        Assert.Contains("script-src 'self'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", html, StringComparison.Ordinal);
        Assert.DoesNotContain(" style=", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_inbox_refuses_to_listen_beyond_loopback()
    {
        var options = fixture.InboxOptions(fixture.NewDirectory("inbox"));
        var exposed = new InboxOptions
        {
            Server = options.Server, CertificateDirectory = options.CertificateDirectory, Projects = options.Projects,
            DataDirectory = options.DataDirectory, Listen = new IPEndPoint(IPAddress.Any, 0),
        };

        await Assert.ThrowsAsync<ArgumentException>(() => InboxHost.StartAsync(exposed, null, TestContext.Current.CancellationToken));
    }
}
