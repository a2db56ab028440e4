using System.Text;
using System.Text.Json;
using Aquila.Cli.Tests.Support;
using Aquila.Node.Lists;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;

namespace Aquila.Cli.Tests;

/// <summary>
/// A joint list tried as a user would (issue 21, item 4), every step the real command: a people file past the daily quota
/// gives every row a line and says it stopped early; re-adding entries says re-confirmed; dropped name variants are
/// reported; a query given as options names no "line 0"; a removed entry's notifications still name its record.
/// </summary>
[Collection(nameof(ProcessTests))]
public class ListUsabilityCommandTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    private const string Listed = "Илић,Марија,Петар,Ж,09.09.1995.,Ваљево,RS,,,other";
    private const string ManyVariants = "Petrović-Ilić,Ana Marija,Petar,Ž,03.04.1995,Valjevo,RS,,,other";

    [Fact]
    public async Task A_contributor_uses_the_list_and_every_answer_reads_as_what_happened()
    {
        using var dir = new TempDirectory();
        var quota = TokenCount("Q-1," + Listed) + TokenCount("Q-2," + ManyVariants) + 1;
        using var server = await CliFlow.OpenThreePartyListAsync(dir, "ftf-u", quotaTokensPerDay: quota);
        var url = $"https://localhost:{server.Port}";
        var rows = new Dictionary<string, string>
        {
            ["rs"] = "RS-9,Илић,Марија,Петар,Ж,09.09.1995.,Ваљево,RS,,,suspect,2031-12-31",
            ["ba"] = "BA-4,Ilić,Marija,Petar,Ž,1995-09-09,Valjevo,SRB,,,suspect,2031-12-31",
            ["me"] = "ME-2,Kovač,Petra,,Ž,1991-10-10,,ME,,,suspect,2031-12-31",
        };
        foreach (var (party, row) in rows)
        {
            File.WriteAllText(dir.File(party + "-entries.csv"), Header + ",review_date\n" + row + "\n", new UTF8Encoding(false));
            await Run(dir, ListChange("add", party, url));
        }

        var again = await Run(dir, ListChange("add", "rs", url));
        string[] me = ["--list", "ftf-u", "--key-file", dir.File("me.key"), "--cert", dir.File("me"), "--server", url, "--officer", "ME-OFF-12"];
        var tooFew = await AquilaProcess.RunAsync(dir.Path, ["node", "query", .. me, "--case", "ME-U-1", "--family", "Ilić"]);
        File.WriteAllText(dir.File("people.csv"), Header + "\nQ-1," + Listed + "\nQ-2," + ManyVariants
            + "\nQ-3,Horvat,Ana,,Ž,1975-07-21,Zagreb,HR,,,other\nQ-4,Kovač,Petra,,Ž,1991-10-10,,ME,,,other\n", new UTF8Encoding(false));
        var file = await AquilaProcess.RunAsync(dir.Path, ["node", "query", .. me, "--case", "ME-U-2", "--input", dir.File("people.csv"), "--json"]);
        File.WriteAllText(dir.File("remove.csv"), "record_id\nBA-4\n");
        await Run(dir, "node", "list", "remove", "--project", "ftf-u", "--input", dir.File("remove.csv"), "--cert", dir.File("ba"), "--server", url,
            "--handles", dir.File("ba.list-handles.csv"));
        var baHits = await Run(dir, "node", "list", "hits", "--project", "ftf-u", "--cert", dir.File("ba"), "--server", url,
            "--handles", dir.File("ba.list-handles.csv"), "--json");
        var baCsv = await Run(dir, "node", "list", "hits", "--project", "ftf-u", "--cert", dir.File("ba"), "--server", url,
            "--handles", dir.File("ba.list-handles.csv"), "--csv");

        Assert.Contains("0 added, 1 re-confirmed, 0 removed", again.Output, StringComparison.Ordinal);
        Assert.Equal(1, tooFew.ExitCode);
        Assert.Contains("rejected", tooFew.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("line 0", tooFew.Output + tooFew.Error, StringComparison.Ordinal);
        Assert.True(file.ExitCode == ExitCodes.StoppedEarly, $"exit {file.ExitCode}: {file.Error}");
        var answers = file.Output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(["Q-1", "Q-2", "Q-3", "Q-4"], answers.Select(a => a.GetProperty("record_id").GetString()));
        Assert.Equal(["hit", "no-hit", "refused", "not-sent"], answers.Select(a => a.GetProperty("outcome").GetString()));
        var variants = answers[1].GetProperty("variants_not_sent").GetInt32();
        Assert.True(variants > 0, "the many-variant person dropped no token; pick another");
        Assert.Contains($"{variants} name variant(s) not sent", answers[1].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains("quota", answers[2].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains("not sent: the query stopped at line 4", answers[3].GetProperty("note").GetString(), StringComparison.Ordinal);
        Assert.Contains("stopped at line 4", file.Error, StringComparison.Ordinal);
        var query = JsonDocument.Parse(baHits.Output.Trim().Split('\n').Last(l => l.Contains("\"query\"", StringComparison.Ordinal))).RootElement;
        Assert.Equal(("BA-4", true), (query.GetProperty("record_id").GetString(), query.GetProperty("record_removed").GetBoolean()));
        var csvLines = baCsv.Output.Trim().Split('\n');
        Assert.EndsWith(",record_removed", csvLines[0], StringComparison.Ordinal);
        var queryRow = csvLines.Last(l => l.Contains(",query,", StringComparison.Ordinal));
        Assert.Contains(",BA-4,", queryRow, StringComparison.Ordinal);
        Assert.EndsWith(",true", queryRow, StringComparison.Ordinal);
    }

    private static string[] ListChange(string change, string party, string url) =>
    [
        "node", "list", change, "--project", "ftf-u", "--input", party + "-entries.csv", "--key-file", party + ".key", "--cert", party,
        "--server", url, "--handles", party + ".list-handles.csv",
    ];

    private static async Task<AquilaProcess.Result> Run(TempDirectory dir, params string[] args)
    {
        var result = await AquilaProcess.RunAsync(dir.Path, args);
        Assert.True(result.ExitCode == 0, $"aquila {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }

    // Query tokens of a people-file row (the same under any key).
    private static int TokenCount(string row)
    {
        using var key = ProjectKey.Generate();
        using var tokens = new QueryTokens(MatchKeySchema.Default, key);
        using var reader = new PersonRecordReader(new MemoryStream(Encoding.UTF8.GetBytes(Header + "\n" + row + "\n")), "row", ColumnMap.Default,
            Encoding.UTF8);
        Assert.True(reader.TryReadNext(out var person, out _));
        return tokens.Tokenize(person!).Entries!.Length / 17;
    }
}
