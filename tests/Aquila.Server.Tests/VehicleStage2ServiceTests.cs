using System.Text;
using Aquila.Coordination.Projects;
using Aquila.Matching.Scoring;
using Aquila.Node.Hits;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;
using Aquila.Tokens.Pipeline;

namespace Aquila.Server.Tests;

/// <summary>
/// Issue 23, end to end over mutual TLS: a coordinated project on the built-in vehicle schema scores its stage-2
/// candidates, so a re-issued plate (same plate and country, another VIN, make and year) is no hit, while a vehicle whose
/// VIN one party lacks, and which shares no stage-1 key, is found through the plate block.
/// </summary>
[Collection(nameof(ServerCollection))]
public sealed class VehicleStage2ServiceTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Header = "record_id,plate_number,registration_country,vin,make,model,colour,first_registration_year,subject_category";

    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly string[] Parties = ["RS", "BA", "ME"];

    // 40 vehicles both parties hold (some of BA's without a VIN or with a Cyrillic plate), 12 plates re-issued to another
    // vehicle, and the target: RS has its VIN and year but no country, BA has the country but no VIN and no year, so the
    // two records share no stage-1 key (vin, plate_make_year on RS; plate_country_make on BA).
    private static (string[] Rs, string[] Ba) Rows()
    {
        var rs = new List<string>();
        var ba = new List<string>();
        for (var i = 0; i < 40; i++)
        {
            rs.Add($"RS-{i},BG {100 + i}-AB,SRB,WVWZZZ1KZ8W{100000 + i},Volkswagen,Golf,crna,2008,suspect");
            var plate = i % 5 == 2 ? $"БГ {100 + i}-АБ" : $"BG{100 + i}AB";
            var vin = i % 4 == 1 ? "" : $"WVWZZZ1KZ8W{100000 + i}";
            ba.Add($"BA-{i},{plate},RS,{vin},VW,Golf,crna,2008,suspect");
        }

        for (var j = 0; j < 12; j++)
        {
            rs.Add($"RS-R{j},NS {500 + j}-KA,SRB,ZFA31200000{200000 + j},Fiat,Punto,bela,2003,suspect");
            ba.Add($"BA-R{j},NS {500 + j}-KA,SRB,WVWZZZ1KZ9W{300000 + j},Volkswagen,Passat,siva,2015,suspect");
        }

        rs.Add("RS-T,KG 777-TT,,WVWZZZ1KZ7W999999,Volkswagen,Polo,plava,2007,suspect");
        ba.Add("BA-T,KG 777-TT,SRB,,VW,Polo,plava,,suspect");
        return ([.. rs], [.. ba]);
    }

    private string Tokenize(string party, string projectId, ProjectKey key, IEnumerable<string> rows)
    {
        var name = party + "-" + Guid.NewGuid().ToString("N")[..8];
        var csv = Path.Combine(fixture.WorkDirectory, name + ".csv");
        File.WriteAllText(csv, Header + "\n" + string.Join("\n", rows) + "\n", new UTF8Encoding(false));
        var batch = Path.Combine(fixture.WorkDirectory, name + ".aqb");
        var summary = BatchTokenizer.Run(new TokenizeOptions
        {
            InputPath = csv, BatchPath = batch, Party = party, ProjectId = projectId, Schema = MatchKeySchema.Vehicles,
        }, key, null, CancellationToken.None);
        Assert.Equal(0, summary.RecordsRejected);
        return batch;
    }

    // Issue 23, the schema's "stage1": "strong-only": six plates re-issued to a vehicle of the same make (RS without the
    // VIN, so plate_country_make agrees: a probable stage-1 hit under the old rule), and one vehicle whose VIN RS lacks,
    // found by stage 1 on plate_country_make_year (probable) only.
    private static (string[] Rs, string[] Ba) HeldRows()
    {
        var (rs, ba) = Rows();
        var heldRs = new List<string>(rs);
        var heldBa = new List<string>(ba);
        for (var j = 0; j < 6; j++)
        {
            heldRs.Add($"RS-H{j},SU {700 + j}-PP,SRB,,Fiat,Punto,bela,2003,suspect");
            heldBa.Add($"BA-H{j},SU {700 + j}-PP,SRB,ZFA31200000{400000 + j},Fiat,Doblo,siva,2016,suspect");
        }

        heldRs.Add("RS-P,KG 888-TT,SRB,,Volkswagen,Polo,plava,2007,suspect");
        heldBa.Add("BA-P,KG888TT,RS,WVWZZZ1KZ7W888888,VW,Polo,plava,2007,suspect");
        return ([.. heldRs], [.. heldBa]);
    }

    [Fact]
    public async Task A_probable_plate_key_is_evidence_so_a_reissued_plate_it_found_is_no_hit_and_a_true_pair_takes_stage_twos_band()
    {
        var (hits, _) = await RunAsync("vs2h-", HeldRows());

        Assert.DoesNotContain(hits, h => h.RecordId?.StartsWith("RS-H", StringComparison.Ordinal) == true);
        var found = Assert.Single(hits, h => h.RecordId == "RS-P");
        Assert.Contains("plate_country_make_year", found.AgreeingKeys);
        Assert.NotNull(found.Score);
        // No VIN on RS's side, so at most probable whatever it scores (the schema's "strong_needs": ["vin"]).
        var scored = BandThresholds.Of(MatchKeySchema.Vehicles.Scoring!).BandOf(found.Score.Value);
        Assert.Equal(scored == MatchBand.Strong ? MatchBand.Probable : scored, found.Band);
        Assert.DoesNotContain("vin=", found.Agreement);
    }

    // A coordinated vehicle project with RS's and BA's rows (and one ME vehicle) over mutual TLS, moved to Matching; RS's
    // hits resolved to its record ids.
    private async Task<(List<NodeHit> Hits, string ProjectId)> RunAsync(string prefix, (string[] Rs, string[] Ba) rows)
    {
        var id = prefix + Guid.NewGuid().ToString("N")[..8];
        var definition = CoordinatedProjectTests.Project(id) with
        {
            SchemaHash = MatchKeySchema.Vehicles.HashHex,
            Parties = [.. Parties.Select(p => new InvitedParty(p, 500, "Police " + p))],
        };
        using var project = await OpenedCoordinatedProject.OpenAsync(fixture, definition, Parties, Cancel);
        var (coordinator, channels, key) = (project.Coordinator, project.Channels, project.Key);
        var (rsRows, baRows) = rows;
        var batches = new Dictionary<string, string>
        {
            ["RS"] = Tokenize("RS", id, key, rsRows),
            ["BA"] = Tokenize("BA", id, key, baRows),
            ["ME"] = Tokenize("ME", id, key, ["ME-1,PG AB123,MNE,VF1BB05CF26012345,Renault,Clio,bijela,2012,suspect"]),
        };
        foreach (var party in Parties)
        {
            await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channels[party])).SubmitAsync(batches[party], null, Cancel);
        }

        await coordinator.AdvanceAsync(new AdvanceRequest { ProjectId = id, Action = "start_matching" }, cancellationToken: Cancel);
        var rs = new Protocol.V1.Matching.MatchingClient(channels["RS"]);
        var map = HandleMap.Load([batches["RS"] + ".handles.csv"]);
        return ((await SubmitAndHitsTests.ReadAsync(rs, 0, id)).Select(h => HitEvents.Resolve(h, map)).ToList(), id);
    }

    [Fact]
    public async Task A_reissued_plate_is_no_hit_and_a_vehicle_without_a_vin_on_one_side_is_found_by_stage_two()
    {
        var (resolved, _) = await RunAsync("vs2-", Rows());

        Assert.DoesNotContain(resolved, h => h.RecordId?.StartsWith("RS-R", StringComparison.Ordinal) == true);
        var target = Assert.Single(resolved, h => h.RecordId == "RS-T");
        Assert.Empty(target.AgreeingKeys);
        Assert.NotNull(target.Score);
        Assert.Contains("vin:missing", target.Agreement);
        Assert.Contains("plate=", target.Agreement);
        Assert.Equal(40, resolved.Where(h => h.RecordId is { } r && r[3] is >= '0' and <= '9').Select(h => h.RecordId).Distinct().Count());
    }
}
