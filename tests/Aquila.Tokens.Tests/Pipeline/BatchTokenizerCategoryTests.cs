using System.Text;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Pipeline;

namespace Aquila.Tokens.Tests.Pipeline;

/// <summary>Issue 17, item 2: a node never tokenises a record of a category its project does not allow.</summary>
public class BatchTokenizerCategoryTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    private static readonly string[] Rows =
    [
        "RS-1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,RS,,,suspect",
        "RS-2,Petrović,Ana,,Ž,1990-01-02,Beograd,RS,,,convicted",
        "RS-3,Jovanović,Marko,,M,1975-11-12,Kragujevac,RS,,,person_of_interest",
        "RS-4,Nikolić,Jelena,,Ž,1988-08-09,Novi Sad,RS,,,",
    ];

    [Fact]
    public void Records_of_categories_the_project_does_not_allow_are_left_out_and_each_is_named_in_the_reject_file()
    {
        using var dir = new TempDirectory();
        using var key = ProjectKey.Generate();
        var options = Options(dir, strict: false);

        var summary = BatchTokenizer.Run(options, key, null, TestContext.Current.CancellationToken);

        Assert.Equal(4, summary.RecordsRead);
        Assert.Equal(2, summary.RecordsTokenized);
        Assert.Equal(2, summary.RecordsRejected);
        Assert.Equal(2, summary.RecordsOfOtherCategories);
        var rejects = File.ReadAllLines(options.EffectiveRejectPath);
        Assert.StartsWith("3,RS-2,subject_category,\"category convicted is not allowed in project p-cat", rejects[1], StringComparison.Ordinal);
        Assert.StartsWith("5,RS-4,subject_category,\"category other is not allowed", rejects[2], StringComparison.Ordinal);
        Assert.Contains("person_of_interest, suspect", rejects[1], StringComparison.Ordinal);
        using var reader = BatchFileReader.Open(options.BatchPath);
        var record = new BatchRecord();
        var categories = new List<SubjectCategory>();
        while (reader.TryReadRecord(record))
        {
            categories.Add(record.Category);
        }

        Assert.Equal([SubjectCategory.Suspect, SubjectCategory.PersonOfInterest], categories.Order());
        Assert.Equal(2, File.ReadAllLines(options.EffectiveHandleMapPath).Length - 1);
    }

    [Fact]
    public void With_strict_the_first_record_of_a_category_the_project_does_not_allow_stops_the_run_and_nothing_is_written()
    {
        using var dir = new TempDirectory();
        using var key = ProjectKey.Generate();
        var options = Options(dir, strict: true);

        var summary = BatchTokenizer.Run(options, key, null, TestContext.Current.CancellationToken);

        Assert.True(summary.StoppedByStrict);
        Assert.Equal(3, summary.StrictStop!.LineNumber);
        Assert.Equal("subject_category", summary.StrictStop.Field);
        Assert.Contains("category convicted", summary.StrictStop.Reason, StringComparison.Ordinal);
        Assert.False(File.Exists(options.BatchPath));
    }

    private static TokenizeOptions Options(TempDirectory dir, bool strict)
    {
        var csv = dir.File("records.csv");
        File.WriteAllText(csv, Header + "\n" + string.Join("\n", Rows) + "\n", new UTF8Encoding(false));
        return new TokenizeOptions
        {
            InputPath = csv,
            BatchPath = dir.File("rs.aqb"),
            Party = "RS",
            ProjectId = "p-cat",
            AllowedCategories = new HashSet<SubjectCategory> { SubjectCategory.Suspect, SubjectCategory.PersonOfInterest },
            Strict = strict,
        };
    }
}
