using System.Text;
using Aquila.Cli.Tests.Support;
using Aquila.Tokens.Batches;

namespace Aquila.Cli.Tests;

/// <summary>Issue 17, item 2: `node tokenize --categories` keeps records of other categories out of the batch.</summary>
[Collection(nameof(ProcessTests))]
public class NodeTokenizeCategoriesTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    [Fact]
    public async Task Records_of_a_category_the_project_does_not_allow_are_left_out_named_in_the_reject_file_and_counted_on_the_console()
    {
        using var dir = new TempDirectory();
        var key = dir.File("project.key");
        Assert.Equal(0, (await AquilaProcess.RunAsync(dir.Path, "key", "new", "--out", key)).ExitCode);
        var input = dir.File("mixed.csv");
        File.WriteAllText(input, Header + "\n"
            + "RS-1,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,RS,,,suspect\n"
            + "RS-2,Petrović,Ana,,Ž,1990-01-02,Beograd,RS,,,convicted\n", new UTF8Encoding(false));

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", input, "--key-file", key, "--party", "RS",
            "--project", "aquila-2026-ve", "--categories", "suspect,person_of_interest", "--out", dir.File("rs.aqb"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 record(s) left out", result.Error, StringComparison.Ordinal);
        Assert.Contains("not one project aquila-2026-ve allows (person_of_interest, suspect)", result.Error, StringComparison.Ordinal);
        Assert.StartsWith("3,RS-2,subject_category,\"category convicted is not allowed", File.ReadAllLines(dir.File("rs.aqb.rejects.csv"))[1],
            StringComparison.Ordinal);
        using var reader = BatchFileReader.Open(dir.File("rs.aqb"));
        Assert.Equal(1, reader.Header.RecordCount);
    }

    [Fact]
    public async Task An_unknown_category_in_the_list_is_a_usage_error()
    {
        using var dir = new TempDirectory();

        var result = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", dir.File("x.csv"), "--key-file", dir.File("k"),
            "--party", "RS", "--categories", "suspect,witness", "--out", dir.File("rs.aqb"));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("--categories must list", result.Error, StringComparison.Ordinal);
    }
}
