using Aquila.Matching.Projects;
using Aquila.Protocol.V1;
using Aquila.Security.Ceremony;
using Aquila.Server.Projects;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>
/// Roster changes during the key ceremony over mutual TLS: an invitation restarts the ceremony, a node of the earlier
/// round is told to join again, the new round completes; after opening, the roster is fixed.
/// </summary>
[Collection(nameof(ServerCollection))]
public class CeremonyRosterTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_party_invited_during_the_ceremony_restarts_it_and_the_new_round_gives_every_party_one_key()
    {
        var id = "late-" + Guid.NewGuid().ToString("N")[..8];
        await using var run = await CeremonyRun.CreateAsync(fixture, id, ["RS", "BA"]);
        var stale = run.Runner("RS").RunAsync(id, Cancel);
        await run.WaitForRegistrationsAsync("BA", 1);

        var invited = await run.Coordinator.InvitePartyAsync(
            new InvitePartyRequest { ProjectId = id, Party = "ME", DeclaredRecords = 100, Controller = "Police ME" }, cancellationToken: Cancel);
        var refused = await Assert.ThrowsAsync<RpcException>(() => stale);
        var keys = await Task.WhenAll(new[] { "RS", "BA", "ME" }.Select(p => run.Runner(p, ["RS", "BA", "ME"]).RunAsync(id, Cancel)));
        var opened = await run.Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);

        Assert.Equal(2, invited.CeremonyRound);
        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("was restarted", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Contains("Run `aquila node join` again", refused.Status.Detail, StringComparison.Ordinal);
        Assert.Single(keys.Select(k => Convert.ToHexString(k.Key)).Distinct());
        Assert.Equal(3, keys[0].Parties.Count);
        Assert.Equal("open", opened.State);
        Dispose(keys);
    }

    [Fact]
    public async Task After_opening_an_invitation_is_refused_and_the_coordinator_is_told_to_create_a_new_project()
    {
        var id = "fixed-" + Guid.NewGuid().ToString("N")[..8];
        await using var run = await CeremonyRun.CreateAsync(fixture, id, ["RS", "BA"]);
        Dispose(await Task.WhenAll(new[] { "RS", "BA" }.Select(p => run.Runner(p).RunAsync(id, Cancel))));
        await run.Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);

        var refused = await Assert.ThrowsAsync<RpcException>(() => run.Coordinator.InvitePartyAsync(
            new InvitePartyRequest { ProjectId = id, Party = "ME", DeclaredRecords = 100, Controller = "Police ME" }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.FailedPrecondition, refused.StatusCode);
        Assert.Contains("create a new project", refused.Status.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_party_that_never_joins_is_withdrawn_and_the_others_finish_the_ceremony()
    {
        var id = "drop-" + Guid.NewGuid().ToString("N")[..8];
        await using var run = await CeremonyRun.CreateAsync(fixture, id, ["RS", "BA", "ME"]);

        var withdrawn = await run.Coordinator.UninvitePartyAsync(new UninvitePartyRequest { ProjectId = id, Party = "ME" }, cancellationToken: Cancel);
        var keys = await Task.WhenAll(new[] { "RS", "BA" }.Select(p => run.Runner(p, ["RS", "BA"]).RunAsync(id, Cancel)));
        var shown = await run.Coordinator.ShowProjectAsync(new ProjectRef { ProjectId = id }, cancellationToken: Cancel);
        var opened = await run.Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);

        Assert.Equal(["RS", "BA"], withdrawn.Parties);
        Assert.Equal(["BA", "RS"], shown.CeremonyConfirmed.Order());
        Assert.Equal("open", opened.State);
        Dispose(keys);
    }

    [Fact]
    public async Task The_matcher_of_an_opened_project_is_sized_from_the_declared_data_sets()
    {
        var id = "sized-" + Guid.NewGuid().ToString("N")[..8];
        await using var run = await CeremonyRun.CreateAsync(fixture, id, ["RS", "BA"]);
        Dispose(await Task.WhenAll(new[] { "RS", "BA" }.Select(p => run.Runner(p).RunAsync(id, Cancel))));

        await run.Coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "open" }, cancellationToken: Cancel);

        var running = await fixture.Server.Projects.FindAsync(id, Cancel);
        var project = (await fixture.Server.Projects.Store.GetAsync(id, Cancel))!;
        var capacity = IndexCapacity.For(project, running!.Schema);
        Assert.True(capacity > IndexCapacity.Default, $"capacity {capacity}");
        var matcher = Assert.IsType<ProjectMatcher>(running.Matcher);
        Assert.True((long)matcher.IndexBucketCount * 4 >= (long)capacity * 5,
            $"{matcher.IndexBucketCount} buckets for a capacity of {capacity} tokens");
    }

    private static void Dispose(IEnumerable<ProjectKeyResult> results)
    {
        foreach (var result in results)
        {
            result.Dispose();
        }
    }
}
