using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace Aquila.Node.Inbox.Tests;

/// <summary>
/// The analyst's path in a real browser: hits released in Matching appear on the open page without a reload, the analyst
/// opens one, sees the own record beside the evidence, confirms it, and the coordinator's indicators count it.
/// </summary>
[Collection(InboxCollection.Name)]
public sealed class InboxBrowserTests(InboxFlowFixture fixture)
{
    [Fact]
    public async Task A_released_hit_shows_up_live_and_is_confirmed_in_the_browser_and_the_indicators_count_it()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        using var logs = new LogRecorder();
        await using var inbox = await InboxHost.StartAsync(fixture.InboxOptions(fixture.NewDirectory("inbox")),
            logging => logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug), TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });

        await page.GotoAsync(inbox.Url.ToString());
        Assert.DoesNotContain("token", page.Url, StringComparison.Ordinal);
        Assert.Equal("0 hit(s)", await page.Locator("#hits caption").InnerTextAsync());
        Assert.Equal(0, await UnlabelledControlsAsync(page));

        await fixture.StartMatchingAsync();
        var banner = page.Locator("#new-hits");
        await banner.WaitForAsync(new() { Timeout = 15_000 });
        // The two hits may reach the inbox in two reads of the hit stream: the banner first counts one, then two.
        await Microsoft.Playwright.Assertions.Expect(banner).ToHaveTextAsync("2 new hits — show", new() { Timeout = 15_000 });
        await banner.ClickAsync();
        Assert.Equal(2, await page.Locator("#hits tbody tr").CountAsync());

        await page.Locator("#hits tbody tr", new() { HasText = "BA" }).First.Locator("a.hit-link").ClickAsync();
        var ownRecord = await page.Locator("#own-record").InnerTextAsync();
        // The project's schema scores candidates (stage 2): the evidence shows the score and the field agreement, never values.
        var evidence = await page.Locator("#evidence").InnerTextAsync();
        Assert.Contains("Score (stage 2)", evidence, StringComparison.Ordinal);
        Assert.Contains("Field agreement", evidence, StringComparison.Ordinal);
        Assert.Contains("RS-CASE-000", ownRecord, StringComparison.Ordinal);
        // Only fields that carry something: the export has no address columns (street, locality, postcode) and no identifiers.
        Assert.DoesNotContain("—", ownRecord, StringComparison.Ordinal);
        Assert.All(new[] { "street", "locality", "postcode" }, label => Assert.DoesNotContain(label, ownRecord, StringComparison.Ordinal));
        Assert.Contains("family name", ownRecord, StringComparison.Ordinal);
        Assert.DoesNotContain("BA-7", await page.ContentAsync(), StringComparison.Ordinal);
        Assert.Contains(await page.Locator("#hit-id").InnerTextAsync(), await page.Locator("#follow-up").InputValueAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await UnlabelledControlsAsync(page));
        await page.GetByLabel("New state").SelectOptionAsync("confirmed");
        await page.GetByLabel("Case reference (no personal data)").FillAsync("SIENA-2026-0042");
        await page.GetByLabel("Officer id").FillAsync("RS-officer-17");
        await page.GetByLabel("Note").FillAsync("Same person; requested file through SIENA.");
        await TakeScreenshotAsync(page, "AQUILA_INBOX_HIT_SCREENSHOT");
        await page.Locator("#save").ClickAsync();

        Assert.Contains("sent to the server", await page.Locator(".message").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(1, await fixture.ConfirmedHitsAsync());
        await page.GotoAsync(inbox.Address.ToString());
        Assert.Contains("confirmed: 1", await page.Locator("#counts").InnerTextAsync(), StringComparison.Ordinal);
        await TakeScreenshotAsync(page, "AQUILA_INBOX_SCREENSHOT");

        // The analyst saw the record; the logs name hit ids and states only, never the person, the record id or the token.
        var logText = string.Join("\n", logs.Lines);
        Assert.Contains("InboxStateChanged", logText, StringComparison.Ordinal);
        foreach (var canary in new[] { "Kovačević", "Стојановић", "RS-CASE-000", "Same person", inbox.Token.Value })
        {
            Assert.DoesNotContain(canary, logText, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_form_post_without_the_antiforgery_token_is_refused_even_with_the_access_cookie()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var inbox = await InboxHost.StartAsync(fixture.InboxOptions(fixture.NewDirectory("inbox")), null,
            TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(inbox.Url.ToString());

        var forged = await page.APIRequest.PostAsync(new Uri(inbox.Address, "/hits/" + fixture.ProjectId + "/" + new string('a', 32) + "/state").ToString(),
            new() { Form = page.APIRequest.CreateFormData().Set("state", "confirmed").Set("officer_id", "x") });

        Assert.Equal(400, forged.Status);
    }

    // Every form control has a label the keyboard and screen reader user can rely on.
    private static Task<int> UnlabelledControlsAsync(IPage page) => page.EvaluateAsync<int>(
        "() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => e.labels.length === 0).length");

    private static async Task TakeScreenshotAsync(IPage page, string variable)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } path)
        {
            await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        }
    }
}
