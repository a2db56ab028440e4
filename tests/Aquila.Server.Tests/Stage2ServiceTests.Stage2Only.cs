using Aquila.Node;
using Aquila.Node.Hits;
using Aquila.Protocol.V1;
using Aquila.Tokens.Batches;

namespace Aquila.Server.Tests;

// Records with no stage-1 key (no date of birth, no identifier) go in with their stage-2 blocks only (issue 16).
public sealed partial class Stage2ServiceTests
{
    [Fact]
    public async Task Two_records_without_a_date_or_an_identifier_go_in_as_stage_two_only_and_become_a_hit_with_their_agreement()
    {
        var id = "s2o-" + Guid.NewGuid().ToString("N")[..8];
        using var project = await OpenedCoordinatedProject.OpenAsync(fixture, Project(id), Parties, Cancel);
        var (coordinator, channels, key) = (project.Coordinator, project.Channels, project.Key);
        var (rsRows, baRows) = Rows();
        var batches = new Dictionary<string, string>
        {
            ["RS"] = TestRecords.Tokenize(fixture.WorkDirectory, "RS", id, key, [.. rsRows, "RS-U,Radulović,Vukašin,Milorad,M,,Cetinje,ME,,,suspect"]),
            ["BA"] = TestRecords.Tokenize(fixture.WorkDirectory, "BA", id, key, [.. baRows, "BA-U,Radulović,Vukašin,Milorad,M,,Cetinje,ME,,,suspect"]),
            // A party whose only record has no key: its batch holds no token at all, and the server still takes it.
            ["ME"] = TestRecords.Tokenize(fixture.WorkDirectory, "ME", id, key, "ME-1,Kovač,Petra,Ivan,Ž,,Bar,ME,,,suspect"),
        };
        Assert.Equal(1, BatchInspection.Of(batches["RS"]).RecordsStage2Only);
        Assert.Equal(0, BatchInspection.Of(batches["ME"]).Header.TokenCount);
        foreach (var party in Parties)
        {
            await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channels[party])).SubmitAsync(batches[party], null, Cancel);
        }

        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_matching" }, cancellationToken: Cancel);
        var rs = new Protocol.V1.Matching.MatchingClient(channels["RS"]);
        var hits = await SubmitAndHitsTests.ReadAsync(rs, 0, id);
        var map = HandleMap.Load([batches["RS"] + ".handles.csv"]);
        var target = Assert.Single(hits.Select(h => HitEvents.Resolve(h, map)), h => h.RecordId == "RS-U");

        Assert.Equal("BA", target.OtherParty);
        Assert.Empty(target.AgreeingKeys);
        Assert.NotNull(target.Score);
        Assert.Contains("dob:missing", target.Agreement);
        Assert.Contains("father=", target.Agreement);
        Assert.DoesNotContain(target.Agreement, a => a.Contains("Radulovi", StringComparison.OrdinalIgnoreCase));

        // The log replays the keyless records like any other: the same hits after a restart.
        await fixture.RestartAsync();
        Assert.Equal(hits, await SubmitAndHitsTests.ReadAsync(rs, 0, id));
        Assert.Empty(fixture.Logs.Errors());
    }
}
