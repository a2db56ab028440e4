using System.Text;
using System.Text.Json;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary><c>aquila node submit --replace</c> and how <c>aquila node hits</c> shows the withdrawn hits, as real commands.</summary>
[Collection(nameof(ProcessTests))]
public class NodeReplaceFlowTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category\n";

    private static async Task<AquilaProcess.Result> Run(TempDirectory dir, params string[] args)
    {
        var result = await AquilaProcess.RunAsync(dir.Path, args);
        Assert.True(result.ExitCode == 0, $"aquila {string.Join(' ', args)} exited {result.ExitCode}: {result.Output}{result.Error}");
        return result;
    }

    private static Task TokenizeAsync(TempDirectory dir, string party, string name, string row)
    {
        File.WriteAllText(dir.File(name + ".csv"), Header + row + "\n", new UTF8Encoding(false));
        return Run(dir, "node", "tokenize", "--input", dir.File(name + ".csv"), "--key-file", dir.File("project.key"), "--party", party,
            "--project", "swap", "--out", dir.File(name + ".aqb"));
    }

    [Fact]
    public async Task Submitting_with_replace_withdraws_the_old_hit_and_hits_prints_the_withdrawal_in_csv_json_and_the_table()
    {
        using var dir = new TempDirectory();
        await CliFlow.CreateAuthorityAsync(dir);
        await CliFlow.EnrolAsync(dir, "RS");
        await CliFlow.EnrolAsync(dir, "BA");
        CliFlow.WriteServerConfig(dir, new[] { new { Id = "swap", Parties = new[] { "RS", "BA" } } });
        using var server = await ChildServer.StartAsync(dir.Path, dir.File("server.json"), LoopbackPorts.Take());
        string[] at = ["--server", $"https://localhost:{server.Port}"];
        await Run(dir, "key", "new", "--out", dir.File("project.key"));
        await TokenizeAsync(dir, "RS", "rs", "RS-1,Јовановић,Стефан,Милан,М,03.04.1987.,Крагујевац,RS,,,suspect");
        await TokenizeAsync(dir, "BA", "ba", "BA-7,Jovanovic,Stefan,Milan,M,1987-04-03,Kragujevac,SRB,,,suspect");
        await TokenizeAsync(dir, "RS", "rs2", "RS-2,Марковић,Ана,,Ж,11.11.1991.,Ниш,RS,,,suspect");
        await Run(dir, ["node", "submit", dir.File("rs.aqb"), .. at, "--cert", dir.File("rs")]);
        await Run(dir, ["node", "submit", dir.File("ba.aqb"), .. at, "--cert", dir.File("ba")]);
        string[] baHits = ["node", "hits", .. at, "--cert", dir.File("ba"), "--project", "swap", "--handles", dir.File("ba.aqb.handles.csv")];

        var replaced = await Run(dir, ["node", "submit", dir.File("rs2.aqb"), "--replace", .. at, "--cert", dir.File("rs")]);
        var replacedJson = await Run(dir, ["node", "submit", dir.File("rs2.aqb"), "--replace", "--json", .. at, "--cert", dir.File("rs")]);
        var csv = await Run(dir, [.. baHits, "--csv"]);
        var json = await Run(dir, [.. baHits, "--json"]);
        var table = await Run(dir, baHits);

        Assert.Contains("replaced your party's earlier data set", replaced.Output, StringComparison.Ordinal);
        Assert.True(JsonDocument.Parse(replacedJson.Output).RootElement.GetProperty("replaced_earlier").GetBoolean());
        var rows = csv.Output.Trim().Split('\n').Skip(1).Select(r => r.Split(',')).ToList();
        Assert.Equal(["new", "withdrawn"], rows.Select(r => r[1]));
        Assert.Equal(rows[0][2], rows[1][2]);
        Assert.Equal(["BA-7", "RS"], [rows[1][3], rows[1][4]]);
        var lines = json.Output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal("withdrawn", lines[1].GetProperty("kind").GetString());
        Assert.Equal(2, lines[1].GetProperty("sequence").GetInt64());
        Assert.Contains("1 withdrawn: those hits no longer exist", table.Output, StringComparison.Ordinal);
    }
}
