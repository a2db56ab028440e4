using Microsoft.Playwright;

namespace Aquila.Node.Inbox.Tests;

/// <summary>
/// Debian's chromium driven by Playwright through its executable path (no browser download). Without it the browser tests
/// skip, unless AQUILA_REQUIRE_CHROMIUM=1 (as in CI) makes them fail.
/// </summary>
internal static class Chromium
{
    public const string Executable = "/usr/bin/chromium";

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Executable))
        {
            if (Environment.GetEnvironmentVariable("AQUILA_REQUIRE_CHROMIUM") == "1")
            {
                Assert.Fail($"{Executable} is missing and AQUILA_REQUIRE_CHROMIUM=1: run deploy/install-chromium.sh.");
            }

            Assert.Skip($"{Executable} is missing (deploy/install-chromium.sh installs it).");
        }

        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = Executable, Args = ["--no-sandbox"], Headless = true });
        return (playwright, browser);
    }
}
