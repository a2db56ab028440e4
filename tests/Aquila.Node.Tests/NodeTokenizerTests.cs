using System.Text;
using Aquila.Node.Tokenising;
using Aquila.Tokens;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Pipeline;

namespace Aquila.Node.Tests;

/// <summary>The node's tokenise use case: a raw key, the project's allowed categories, and the records it refuses.</summary>
public class NodeTokenizerTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    [Fact]
    public async Task Records_of_a_category_the_project_does_not_allow_are_refused_and_listed_in_the_reject_file()
    {
        using var dir = new TempDirectory();
        var input = dir.File("mixed.csv");
        File.WriteAllText(input, Header + "\n"
            + "RS-1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,RS,,,suspect\n"
            + "RS-2,Petrović,Ana,,Ž,1990-01-02,Beograd,RS,,,convicted\n", new UTF8Encoding(false));
        var keyPath = dir.File("project.key");
        using (var generated = ProjectKey.Generate())
        {
            generated.Save(keyPath);
        }

        Assert.True(CategoryList.TryParse("suspect,person_of_interest", out var allowed));
        var options = new TokenizeOptions
        {
            InputPath = input,
            BatchPath = dir.File("rs.aqb"),
            Party = "RS",
            ProjectId = "aquila-2026-ve",
            AllowedCategories = allowed,
        };
        using var key = NodeTokenizer.LoadKey(keyPath, null, null, options.ProjectId, options.Party);

        var summary = await NodeTokenizer.RunAsync(options, key, null, TestContext.Current.CancellationToken);

        Assert.Equal(2, summary.RecordsRead);
        Assert.Equal(1, summary.RecordsTokenized);
        Assert.Equal(1, summary.RecordsOfOtherCategories);
        Assert.StartsWith("3,RS-2,subject_category,\"category convicted is not allowed", File.ReadAllLines(options.EffectiveRejectPath)[1],
            StringComparison.Ordinal);
        using var batch = BatchFileReader.Open(options.BatchPath);
        Assert.Equal(1, batch.Header.RecordCount);
        Assert.Equal(1, HandleMap.Load([options.EffectiveHandleMapPath]).Count);
    }

    [Theory]
    [InlineData("suspect,witness")]
    [InlineData("suspect,,person_of_interest")]
    [InlineData("")]
    public void A_category_list_with_an_unknown_or_empty_item_is_refused(string list) =>
        Assert.False(CategoryList.TryParse(list, out _));

    [Fact]
    public void A_category_list_gives_each_category_once()
    {
        Assert.True(CategoryList.TryParse("suspect,person_of_interest,suspect", out var categories));

        Assert.Equal(2, categories!.Count);
        Assert.Contains(SubjectCategory.Suspect, categories);
    }
}
