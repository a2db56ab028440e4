using System.Globalization;
using Aquila.Coordination.Projects;
using Aquila.Node;
using Aquila.Node.Hits;
using Aquila.Protocol.V1;
using Aquila.Tokens.Batches;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>A fixture of its own: these tests restart the server.</summary>
public sealed class Stage2Fixture : ServerFixture
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        Options.Port = Server.Address.Port;
    }
}

/// <summary>
/// Issue 16, end to end over mutual TLS as a user runs a coordinated project: nodes tokenise (batches carry block
/// tokens and vectors), the embedded store keeps them encrypted, the matcher scores candidates when the project enters
/// Matching, and hits say why — the same after a restart and after a resend.
/// </summary>
[Collection(nameof(ServerCollection))]
public sealed partial class Stage2ServiceTests(Stage2Fixture fixture) : IClassFixture<Stage2Fixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly string[] Parties = ["RS", "BA", "ME"];

    private static readonly string[] Families = ["Petrović", "Jovanović", "Nikolić", "Marković", "Đorđević", "Stojanović", "Ilić", "Stanković",
        "Pavlović", "Milošević", "Hodžić", "Kovačević", "Babić", "Krasniqi", "Gashi", "Berisha", "Hoxha", "Popović", "Savić", "Lukić"];

    private static readonly string[] Givens = ["Marko", "Nikola", "Stefan", "Luka", "Milan", "Dragan", "Amir", "Emir", "Arben", "Besnik",
        "Ana", "Jelena", "Milica", "Ivana", "Amra", "Edona", "Vesna", "Zoran", "Goran", "Dejan"];

    private static readonly string[] Fathers = ["Jovan", "Petar", "Milan", "Ahmed", "Ilir", "Rade", "Stevan", "Mehmed", "Agim", "Vlado"];

    private static readonly string[] Places = ["Beograd", "Niš", "Sarajevo", "Podgorica", "Skopje", "Priština", "Tuzla", "Bar"];

    // Rows of two parties holding the same 60 persons (a few with a typo or a year off), namesakes in BA, and the target:
    // names, father and place agree, BA's record has no date (its own passport number gives it a stage-1 token).
    private static (string[] Rs, string[] Ba) Rows()
    {
        var random = new Random(11);
        var rs = new List<string>();
        var ba = new List<string>();
        for (var i = 0; i < 60; i++)
        {
            var family = Families[random.Next(Families.Length)];
            var given = Givens[random.Next(Givens.Length)];
            var father = Fathers[random.Next(Fathers.Length)];
            var place = Places[random.Next(Places.Length)];
            var year = 1960 + random.Next(40);
            var dob = string.Create(CultureInfo.InvariantCulture, $"{1 + random.Next(28):00}.{1 + random.Next(12):00}.{year}");
            rs.Add($"RS-{i},{family},{given},{father},M,{dob},{place},RS,,,suspect");
            var otherDob = i % 7 == 3 ? year.ToString(CultureInfo.InvariantCulture) : dob;
            ba.Add($"BA-{i},{family},{(i % 5 == 2 ? given + "a" : given)},{father},M,{otherDob},{place},BA,,,suspect");
            if (i % 3 == 0)
            {
                ba.Add($"BA-N{i},{family},{Givens[(i + 7) % Givens.Length]},{Fathers[(i + 3) % Fathers.Length]},M,{year},{Places[(i + 1) % Places.Length]},BA,,,suspect");
            }
        }

        rs.Add("RS-T,Vuković,Dušan,Radomir,M,14.06.1979,Kotor,ME,,,suspect");
        ba.Add("BA-T,Vuković,Dušan,Radomir,M,,Kotor,ME,P7734021,,suspect");
        return ([.. rs], [.. ba]);
    }

    private static MatchingProject Project(string id) => CoordinatedProjectTests.Project(id) with
    {
        Parties = [.. Parties.Select(p => new InvitedParty(p, 500, "Police " + p))],
    };

    [Fact]
    public async Task A_pair_no_stage_one_key_finds_is_a_hit_with_its_agreement_after_matching_starts_and_the_same_after_a_restart()
    {
        var id = "s2-" + Guid.NewGuid().ToString("N")[..8];
        using var project = await OpenedCoordinatedProject.OpenAsync(fixture, Project(id), Parties, Cancel);
        var (coordinator, channels, key) = (project.Coordinator, project.Channels, project.Key);
        var (rsRows, baRows) = Rows();
        var batches = new Dictionary<string, string>
        {
            ["RS"] = TestRecords.Tokenize(fixture.WorkDirectory, "RS", id, key, rsRows),
            ["BA"] = TestRecords.Tokenize(fixture.WorkDirectory, "BA", id, key, baRows),
            ["ME"] = TestRecords.Tokenize(fixture.WorkDirectory, "ME", id, key, "ME-1,Kovač,Petra,Ivan,Ž,1990-10-10,Bar,ME,,,suspect"),
        };
        Assert.True(BatchInspection.Of(batches["BA"]).RecordsWithBlocks == baRows.Length);
        foreach (var party in Parties)
        {
            await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channels[party])).SubmitAsync(batches[party], null, Cancel);
        }

        // A resend is answered from its receipt: nothing is added twice, so scores stay what one copy gives.
        var resend = await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channels["BA"])).SubmitAsync(batches["BA"], null, Cancel);
        var rs = new Protocol.V1.Matching.MatchingClient(channels["RS"]);
        var early = await Assert.ThrowsAsync<RpcException>(() => SubmitAndHitsTests.ReadAsync(rs, 0, id));
        Assert.Equal(StatusCode.FailedPrecondition, early.StatusCode);

        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_matching" }, cancellationToken: Cancel);
        var hits = await SubmitAndHitsTests.ReadAsync(rs, 0, id);
        var map = HandleMap.Load([batches["RS"] + ".handles.csv"]);
        var resolved = hits.Select(h => HitEvents.Resolve(h, map)).ToList();

        var target = Assert.Single(resolved, h => h.RecordId == "RS-T");
        Assert.Empty(target.AgreeingKeys);
        Assert.NotNull(target.Score);
        Assert.Contains("dob:missing", target.Agreement);
        Assert.Contains("father=", target.Agreement);
        Assert.DoesNotContain(target.Agreement, a => a.Contains("Vukovi", StringComparison.OrdinalIgnoreCase) || a.Contains("1979", StringComparison.Ordinal));
        Assert.Contains(resolved, h => h.AgreeingKeys.Count > 0 && h.Agreement.Count > 0);

        // The same hits, scores and agreement after a restart: the log replays the batches and the recorded model.
        await fixture.RestartAsync();
        var afterRestart = await SubmitAndHitsTests.ReadAsync(rs, 0, id);

        Assert.Equal(hits, afterRestart);
        Assert.True(resend.AlreadyAccepted);
    }
}
