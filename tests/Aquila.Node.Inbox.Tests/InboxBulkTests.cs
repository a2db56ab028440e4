namespace Aquila.Node.Inbox.Tests;

/// <summary>
/// The list's bulk action in the browser: select every hit, move them to "in review" with one officer id and case reference
/// (each change audited), then reject them — the dry-run project takes no feedback, so the server refuses each verdict and
/// the hits stay as they were.
/// </summary>
[Collection(InboxCollection.Name)]
public sealed class InboxBulkTests(InboxFlowFixture fixture)
{
    [Fact]
    public async Task Selected_hits_change_state_together_and_a_refused_verdict_leaves_each_hit_unchanged()
    {
        var cancel = TestContext.Current.CancellationToken;
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var (dryRunProjectId, handles) = await fixture.SubmitDryRunAsync();
        var dataDirectory = fixture.NewDirectory("inbox");
        var options = fixture.InboxOptions(dataDirectory) with { Projects = [dryRunProjectId], HandleMaps = [handles] };
        await using var inbox = await InboxHost.StartAsync(options, null, cancel);
        var store = InboxStore.Open(dataDirectory);
        var total = await WaitForAnyHitAsync(store);
        var page = await browser.NewPageAsync();

        await page.GotoAsync(inbox.Url.ToString());
        await page.GetByLabel("Select every hit on this page").CheckAsync();
        await page.GetByLabel("New state").SelectOptionAsync("in_review");
        await page.GetByLabel("Case reference (no personal data)").FillAsync("CASE-BULK-1");
        await page.GetByLabel("Officer id").FillAsync("RS-officer-3");
        await page.Locator("#bulk-save").ClickAsync();

        Assert.Equal($"{total} hit(s) changed.", await page.Locator(".message").InnerTextAsync());
        Assert.Equal(total, store.CountsByState()[HitState.InReview]);
        Assert.Equal((total, (long?)null), InboxAudit.Verify(dataDirectory));
        Assert.Equal(0, await page.EvaluateAsync<int>(
            "() => [...document.querySelectorAll('input:not([type=hidden]), select, textarea')].filter(e => e.labels.length === 0).length"));

        await page.GetByLabel("Select every hit on this page").CheckAsync();
        await page.GetByLabel("New state").SelectOptionAsync("rejected");
        await page.GetByLabel("Officer id").FillAsync("RS-officer-3");
        await page.Locator("#bulk-save").ClickAsync();

        Assert.Contains($"the server refused the feedback on {total}", await page.Locator(".message").InnerTextAsync(), StringComparison.Ordinal);
        Assert.Equal(0, store.CountsByState()[HitState.Rejected]);
        Assert.Equal(total, InboxAudit.Verify(dataDirectory).Rows);
    }

    [Fact]
    public async Task The_list_sorts_by_a_heading_and_keeps_the_order_on_the_next_page()
    {
        var (playwright, browser) = await Chromium.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        await using var inbox = await InboxHost.StartAsync(fixture.InboxOptions(fixture.NewDirectory("inbox")) with { PageSize = 1 }, null,
            TestContext.Current.CancellationToken);
        var page = await browser.NewPageAsync();
        await page.GotoAsync(inbox.Url.ToString());

        await page.Locator("#sort-party").ClickAsync();

        Assert.Contains("sort=party&dir=asc", page.Url, StringComparison.Ordinal);
        Assert.Equal("ascending", await page.Locator("th[aria-sort]").GetAttributeAsync("aria-sort"));
        await page.Locator("#sort-party").ClickAsync();
        Assert.Equal("descending", await page.Locator("th[aria-sort]").GetAttributeAsync("aria-sort"));
        Assert.Contains("sort=party", await page.Locator("#f-project").EvaluateAsync<string>("e => new URLSearchParams(new FormData(e.form)).toString()"),
            StringComparison.Ordinal);
    }

    private static async Task<long> WaitForAnyHitAsync(InboxStore store)
    {
        for (var i = 0; i < 150; i++)
        {
            await Task.Delay(100, TestContext.Current.CancellationToken);
            var total = store.List(HitFilter.None, 0, 1).Total;
            if (total > 0)
            {
                // Every hit of the dry-run project so far comes in one stream: give the rest a moment.
                await Task.Delay(500, TestContext.Current.CancellationToken);
                return store.List(HitFilter.None, 0, 1).Total;
            }
        }

        throw new TimeoutException("The inbox stored no hit in 15 s.");
    }
}
