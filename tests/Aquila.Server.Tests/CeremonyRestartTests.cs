using Aquila.Protocol.V1;

namespace Aquila.Server.Tests;

/// <summary>The ceremony relay is durable: the server restarts between the registrations and the shares, and the ceremony completes.</summary>
[Collection(nameof(ServerCollection))]
public class CeremonyRestartTests(RestartFixture fixture) : IClassFixture<RestartFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_server_restart_between_registration_and_shares_loses_no_message_and_the_ceremony_completes()
    {
        var id = "restart-" + Guid.NewGuid().ToString("N")[..8];
        await using var run = await CeremonyRun.CreateAsync(fixture, id, ["RS", "BA", "ME"]);
        var early = new[] { "RS", "BA" }.Select(p => run.Runner(p).RunAsync(id, Cancel)).ToList();
        await run.WaitForRegistrationsAsync("ME", 2);

        await fixture.RestartAsync();
        await run.WaitForRegistrationsAsync("ME", 2);
        var late = run.Runner("ME").RunAsync(id, Cancel);
        var keys = await Task.WhenAll([.. early, late]);
        var opened = await run.Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);

        Assert.Single(keys.Select(k => Convert.ToHexString(k.Key)).Distinct());
        Assert.Single(keys.Select(k => k.Fingerprint).Distinct());
        Assert.Equal("open", opened.State);
        foreach (var key in keys)
        {
            key.Dispose();
        }
    }
}
