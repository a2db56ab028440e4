using Aquila.Protocol.V1;
using Grpc.Core;
using CoordinatedRun = Aquila.Server.Tests.CoordinatedScaleOutTests.CoordinatedRun;

namespace Aquila.Server.Tests;

/// <summary>
/// A Coordinator and a Matcher on a 3-master Redis Cluster with the log layout, over real mTLS: a coordinated project's
/// hits are released at Matching on either instance, stage 2 scores on both (the log layout carries it), and the
/// coordinator's purge leaves no key of the project in Redis.
/// </summary>
[Collection(nameof(ServerCollection))]
public sealed class CoordinatedLogScaleOutTests(CoordinatedRedisLogFixture fixture) : IClassFixture<CoordinatedRedisLogFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_coordinated_project_on_the_log_layout_releases_the_same_hits_with_stage_two_on_both_instances_at_matching()
    {
        fixture.Require();
        await using var run = await CoordinatedRun.OpenAsync(fixture, "lg-" + Guid.NewGuid().ToString("N")[..8], ended: false);
        var (rs, ba) = Population();
        await run.SubmitAsync(fixture.Coordinator, "RS", rs);
        await run.SubmitAsync(fixture.Matcher, "BA", ba);
        await run.SubmitAsync(fixture.Matcher, "ME", "ME-L1,Kovač,Petra,,Ž,1990-10-10,,ME,,,suspect");

        var early = await Assert.ThrowsAsync<RpcException>(() => run.HitsAsync(fixture.Matcher, "RS"));
        await run.AdvanceAsync("start_matching");
        var fromMatcher = await run.HitsAsync(fixture.Matcher, "RS");
        var fromCoordinator = await run.HitsAsync(fixture.Coordinator, "RS");

        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);
        Assert.Contains(fromMatcher, h => h.OtherParty == "BA" && h.Band == Band.Strong);
        // Stage 2 runs on the log layout: the pair no stage-1 key finds (no date on BA's side) is a scored hit.
        Assert.Contains(fromMatcher, h => h.AgreeingKeys.Count == 0 && h.HasScore && h.Agreement.Contains("dob:missing"));
        Assert.Equal(fromCoordinator, fromMatcher);
        Assert.Equal(await run.HitsAsync(fixture.Coordinator, "BA"), await run.HitsAsync(fixture.Matcher, "BA"));
    }

    [Fact]
    public async Task The_coordinators_purge_of_a_log_layout_project_leaves_no_key_of_it_in_redis_and_the_matcher_forgets_it()
    {
        fixture.Require();
        var id = "lp-" + Guid.NewGuid().ToString("N")[..8];
        await using var run = await CoordinatedRun.OpenAsync(fixture, id, ended: true);
        await run.SubmitAsync(fixture.Matcher, "RS", "RS-LP1,Purgić,Vesna,Ivan,Ž,02.02.1977.,Šabac,RS,,,suspect");
        await run.SubmitAsync(fixture.Matcher, "BA", "BA-LP1,Purgić,Vesna,Ivan,Ž,1977-02-02,Šabac,SRB,,,suspect");
        await run.AdvanceAsync("start_matching");
        Assert.NotEmpty(await run.HitsAsync(fixture.Matcher, "RS"));
        Assert.True(await fixture.Redis.GetDatabase().KeyExistsAsync($"{CoordinatedRedisFixture.KeyPrefix}:{{{id}}}:log"));
        await run.AdvanceAsync("close");

        await run.Coordinator.PurgeAsync(new ProjectRef { ProjectId = id }, cancellationToken: Cancel);
        var afterPurge = await CoordinatedScaleOutTests.EventuallyRefusedAsync(() => run.HitsAsync(fixture.Matcher, "RS"));

        Assert.Equal(StatusCode.PermissionDenied, afterPurge.StatusCode);
        foreach (var server in fixture.Redis.GetServers())
        {
            await foreach (var key in server.KeysAsync(pattern: $"{CoordinatedRedisFixture.KeyPrefix}:{{{id}*"))
            {
                Assert.Fail($"Key {key} of the purged project is still in Redis.");
            }
        }
    }

    // Forty persons both parties hold (every fifth with a one-letter difference in the given name), so stage 2 has
    // candidates to fit its model on, and one pair that only stage 2 finds: BA's record has no date of birth.
    private static (string[] Rs, string[] Ba) Population()
    {
        string[] families = ["Petrović", "Jovanović", "Nikolić", "Marković", "Ilić", "Hodžić", "Babić", "Krasniqi", "Gashi", "Savić"];
        string[] givens = ["Marko", "Nikola", "Stefan", "Luka", "Milan", "Amir", "Arben", "Dragan", "Zoran", "Goran"];
        string[] fathers = ["Jovan", "Petar", "Ahmed", "Ilir", "Rade", "Stevan"];
        string[] places = ["Beograd", "Niš", "Sarajevo", "Podgorica", "Skopje", "Tuzla"];
        var random = new Random(23);
        var rs = new List<string>();
        var ba = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            var (family, given) = (families[random.Next(families.Length)], givens[random.Next(givens.Length)]);
            var (father, place) = (fathers[random.Next(fathers.Length)], places[random.Next(places.Length)]);
            var dob = $"{1 + random.Next(28):00}.{1 + random.Next(12):00}.{1960 + random.Next(40)}";
            rs.Add($"RS-G{i},{family},{given},{father},M,{dob},{place},RS,,,suspect");
            ba.Add($"BA-G{i},{family},{(i % 5 == 2 ? given + "a" : given)},{father},M,{dob},{place},BA,,,suspect");
        }

        rs.Add("RS-T,Vuković,Dušan,Radomir,M,14.06.1979,Kotor,ME,,,suspect");
        ba.Add("BA-T,Vuković,Dušan,Radomir,M,,Kotor,ME,P7734021,,suspect");
        return ([.. rs], [.. ba]);
    }
}
