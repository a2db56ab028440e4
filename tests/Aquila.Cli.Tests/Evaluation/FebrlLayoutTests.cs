using Aquila.Cli.Evaluation;
using Aquila.Cli.Local;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Tests.Evaluation;

public class FebrlLayoutTests
{
    // The FEBRL layout: no father's name, place of birth, nationality or JMBG; dates as YYYYMMDD; a social
    // security number without a country; address fields the schema does not use.
    private const string Header = "rec_id,given_name,surname,street_number,address_1,address_2,suburb,postcode,state,date_of_birth,soc_sec_id";

    private const string ColumnMapJson = """
        { "record_id": "rec_id", "given_name": "given_name", "family_name": "surname",
          "date_of_birth": "date_of_birth", "national_id": "soc_sec_id" }
        """;

    private static readonly string[] Original =
    [
        "rec-1-org,william,harris,12,miller street,,kingston,2604,act,19750312,4286521",
        "rec-2-org,joshua,white,7,hay street,flat 2,dubbo,2830,nsw,19820729,1937764",
        "rec-3-org,emma,nguyen,40,james place,,bunbury,6230,wa,19901105,5521093",
    ];

    private static readonly string[] Duplicates =
    [
        "rec-1-dup-0,william,harris,12,miller st,,kingston,2604,act,19750312,",       // same name and date, id left out
        "rec-2-dup-0,josh,white,7,hay street,,dubbo,2830,nsw,19820729,1937764",       // nickname, same id and year
        "rec-4-org,emma,nguyen,3,beach road,,perth,6000,wa,19910622,7719302",          // a namesake born the next year
    ];

    [Fact]
    public void A_febrl_style_export_read_through_a_column_map_still_gives_the_true_hits_and_no_false_one()
    {
        using var dir = new TempDirectory();
        File.WriteAllLines(dir.File("AU.csv"), [Header, .. Original]);
        File.WriteAllLines(dir.File("NZ.csv"), [Header, .. Duplicates]);
        var map = ColumnMap.Parse(ColumnMapJson, "febrl.json");
        var exports = new[] { PartyExport.Load("AU", dir.File("AU.csv"), map), PartyExport.Load("NZ", dir.File("NZ.csv"), map) };
        var truth = new EvaluationTruth(new Dictionary<RecordRef, string>
        {
            [new("AU", "rec-1-org")] = "1", [new("NZ", "rec-1-dup-0")] = "1",
            [new("AU", "rec-2-org")] = "2", [new("NZ", "rec-2-dup-0")] = "2",
            [new("AU", "rec-3-org")] = "3", [new("NZ", "rec-4-org")] = "4",
        });

        var pairs = InProcessMatching.Run(exports, MatchKeySchema.Default);
        var quality = MatchQuality.Evaluate(pairs, truth, null);

        Assert.Equal(1.0, quality[^1].Recall);
        Assert.Equal(1.0, quality[^1].Precision);
        Assert.Contains(pairs, p => p.RecordA == "rec-1-org" && p.Keys.Contains("name_dob"));
        Assert.Contains(pairs, p => p.RecordA == "rec-2-org" && p.Keys.Contains("nid_unverified"));
    }
}
