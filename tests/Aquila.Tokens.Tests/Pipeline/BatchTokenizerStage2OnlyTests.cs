using System.Text;
using System.Text.Json.Nodes;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;
using Aquila.Tokens.Pipeline;

namespace Aquila.Tokens.Tests.Pipeline;

/// <summary>
/// Issue 16: a record with no stage-1 key (no date of birth, no identifier) that builds stage-2 blocks goes into the
/// batch with no token and its block entries, noted in the reject file as "stage 2 only"; without a scoring section,
/// or without a block, it is rejected as before. With a scoring section, a date of birth that is not a date counts as
/// missing instead of rejecting the record.
/// </summary>
public class BatchTokenizerStage2OnlyTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    private static readonly string[] Rows =
    [
        "RS-1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,RS,,,suspect",
        "RS-2,Petrović,Ana,Jovan,Ž,,Beograd,RS,,,suspect",
        "RS-3,,,,,,,RS,,,suspect",
        "RS-4,Nikolić,Jelena,,Ž,1988-13-45,Novi Sad,RS,,,suspect",
    ];

    [Fact]
    public void A_record_without_a_key_but_with_blocks_goes_in_with_no_token_and_is_noted_as_stage_two_only()
    {
        using var dir = new TempDirectory();
        using var key = ProjectKey.Generate();
        var options = Options(dir, MatchKeySchema.Default);

        var summary = BatchTokenizer.Run(options, key, null, TestContext.Current.CancellationToken);

        Assert.Equal(4, summary.RecordsRead);
        Assert.Equal(3, summary.RecordsTokenized);
        Assert.Equal(2, summary.RecordsStage2Only);
        Assert.Equal(1, summary.RecordsDateIgnored);
        Assert.Equal(1, summary.RecordsRejected);
        var rows = File.ReadAllLines(options.EffectiveRejectPath);
        Assert.Equal(4, rows.Length);
        Assert.StartsWith("3,RS-2,,\"stage 2 only (not rejected): no match key could be built", rows[1], StringComparison.Ordinal);
        Assert.StartsWith("4,RS-3,,", rows[2], StringComparison.Ordinal);
        Assert.EndsWith("; and no stage-2 block either\"", rows[2], StringComparison.Ordinal);
        // An unrecognised date counts as missing with stage 2: the record keeps its blocks (and would keep an identifier's key).
        Assert.StartsWith("5,RS-4,date_of_birth,\"stage 2 only (not rejected)", rows[3], StringComparison.Ordinal);
        Assert.Contains("unrecognised date of birth, taken as missing", rows[3], StringComparison.Ordinal);
        Assert.DoesNotContain("Petrovi", string.Join("\n", rows), StringComparison.Ordinal);

        var records = Read(options.BatchPath);
        Assert.Equal(3, records.Count);
        Assert.Equal(2, records.Count(r => r.Tokens == 0 && r.Blocks > 0));
        Assert.Single(records, r => r.Tokens > 0 && r.Blocks > 0);
    }

    [Fact]
    public void With_stage_two_a_record_whose_date_is_not_a_date_keeps_its_identifier_token()
    {
        using var dir = new TempDirectory();
        using var key = ProjectKey.Generate();
        var options = Options(dir, MatchKeySchema.Default, "RS-5,Alves,Robert,,M,19740470,,SRB,,7485604,suspect");

        var summary = BatchTokenizer.Run(options, key, null, TestContext.Current.CancellationToken);

        Assert.Equal(1, summary.RecordsTokenized);
        Assert.Equal(1, summary.RecordsDateIgnored);
        Assert.Equal(0, summary.RecordsStage2Only);
        Assert.Equal(0, summary.RecordsRejected);
        Assert.StartsWith("2,RS-5,date_of_birth,\"unrecognised date of birth", File.ReadAllLines(options.EffectiveRejectPath)[1], StringComparison.Ordinal);
        Assert.True(Read(options.BatchPath)[0].Tokens > 0);
    }

    [Fact]
    public void Without_a_scoring_section_a_record_without_a_key_is_rejected_as_before()
    {
        using var dir = new TempDirectory();
        using var key = ProjectKey.Generate();
        var options = Options(dir, WithoutScoring());

        var summary = BatchTokenizer.Run(options, key, null, TestContext.Current.CancellationToken);

        Assert.Equal(1, summary.RecordsTokenized);
        Assert.Equal(0, summary.RecordsStage2Only);
        Assert.Equal(3, summary.RecordsRejected);
        var rows = File.ReadAllLines(options.EffectiveRejectPath);
        Assert.Equal(
            "3,RS-2,,\"no match key could be built: a record needs a name with a date of birth, a national id, or a document number\"",
            rows[1]);
        Assert.All(Read(options.BatchPath), r => Assert.True(r.Tokens > 0));
    }

    [Fact]
    public void With_strict_a_date_that_is_not_a_date_still_stops_the_run()
    {
        using var dir = new TempDirectory();
        using var key = ProjectKey.Generate();
        var lenient = Options(dir, MatchKeySchema.Default, "RS-5,Alves,Robert,,M,19740470,,SRB,,7485604,suspect");
        var options = new TokenizeOptions
        {
            InputPath = lenient.InputPath, BatchPath = lenient.BatchPath, Party = "RS", ProjectId = lenient.ProjectId, Schema = lenient.Schema,
            Strict = true,
        };

        var summary = BatchTokenizer.Run(options, key, null, TestContext.Current.CancellationToken);

        Assert.True(summary.StoppedByStrict);
        Assert.Equal("date_of_birth", summary.StrictStop!.Field);
    }

    private static List<(int Tokens, int Blocks)> Read(string path)
    {
        using var reader = BatchFileReader.Open(path);
        var record = new BatchRecord();
        var records = new List<(int, int)>();
        while (reader.TryReadRecord(record))
        {
            records.Add((record.TokenCount, record.BlockCount));
        }

        return records;
    }

    private static MatchKeySchema WithoutScoring()
    {
        using var stream = typeof(MatchKeySchema).Assembly.GetManifestResourceStream("Aquila.Tokens.Schema.match-keys-v1.json")!;
        var schema = JsonNode.Parse(stream)!.AsObject();
        schema.Remove("scoring");
        return MatchKeySchema.Parse(Encoding.UTF8.GetBytes(schema.ToJsonString()), "stage-1 only");
    }

    private static TokenizeOptions Options(TempDirectory dir, MatchKeySchema schema, params string[] rows)
    {
        var csv = dir.File("records.csv");
        File.WriteAllText(csv, Header + "\n" + string.Join("\n", rows.Length > 0 ? rows : Rows) + "\n", new UTF8Encoding(false));
        return new TokenizeOptions
        {
            InputPath = csv,
            BatchPath = dir.File("rs.aqb"),
            Party = "RS",
            ProjectId = "p-s2only",
            Schema = schema,
        };
    }
}
