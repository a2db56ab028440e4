using System.Globalization;
using System.Text;
using System.Text.Json;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>
/// A joint list as docs/lists.md describes it, every step the real command: the coordinator creates the list, three
/// contributors join, add entries, see their duplicate; a contributor queries one person and a people file; the
/// contributor hit sees the query; a removed entry no longer hits.
/// </summary>
[Collection(nameof(ProcessTests))]
public class ListCommandTests
{
    private const string Header =
        "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category";

    private static async Task<AquilaProcess.Result> Run(TempDirectory dir, params string[] args)
    {
        var result = await AquilaProcess.RunAsync(dir.Path, args);
        Assert.True(result.ExitCode == 0, $"aquila {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }

    [Fact]
    public async Task Contributors_build_a_joint_list_and_query_it_from_the_command_line()
    {
        using var dir = new TempDirectory();
        using var server = await CliFlow.OpenThreePartyListAsync(dir, "ftf-1");
        var url = $"https://localhost:{server.Port}";
        var entries = new Dictionary<string, string>
        {
            ["rs"] = "RS-9,Илић,Марија,Петар,Ж,09.09.1995.,Ваљево,RS,,,suspect,2031-12-31",
            ["ba"] = "BA-4,Ilić,Marija,Petar,Ž,1995-09-09,Valjevo,SRB,,,suspect,2031-12-31",
            ["me"] = "ME-2,Kovač,Petra,,Ž,1991-10-10,,ME,,,suspect,2031-12-31",
        };
        foreach (var (party, row) in entries)
        {
            File.WriteAllText(dir.File(party + "-entries.csv"), Header + ",review_date\n" + row + "\n", new UTF8Encoding(false));
            await Run(dir, "node", "list", "add", "--project", "ftf-1", "--input", dir.File(party + "-entries.csv"), "--key-file",
                dir.File(party + ".key"), "--cert", dir.File(party), "--server", url, "--handles", dir.File(party + ".list-handles.csv"));
        }

        string[] me = ["--project", "ftf-1", "--key-file", dir.File("me.key"), "--cert", dir.File("me"), "--server", url, "--officer", "ME-OFF-12"];
        var one = await Run(dir, ["node", "query", .. me, "--case", "ME-2026-77", "--family", "Ilic", "--given", "Marija", "--father", "Petar",
            "--sex", "F", "--dob", "1995-09-09", "--place", "Valjevo", "--json"]);
        File.WriteAllText(dir.File("people.csv"),
            Header + "\nQ-1,Илић,Марија,Петар,Ж,09.09.1995.,Ваљево,RS,,,other\nQ-2,Horvat,Ana,,Ž,1975-07-21,Zagreb,HR,,,other\n", new UTF8Encoding(false));
        var file = await Run(dir, ["node", "query", .. me, "--case", "ME-2026-78", "--input", dir.File("people.csv"), "--csv"]);
        var rsHits = await Run(dir, "node", "list", "hits", "--project", "ftf-1", "--cert", dir.File("rs"), "--server", url,
            "--handles", dir.File("rs.list-handles.csv"), "--json");
        File.WriteAllText(dir.File("remove.csv"), "record_id\nBA-4\n");
        await Run(dir, "node", "list", "remove", "--project", "ftf-1", "--input", dir.File("remove.csv"), "--cert", dir.File("ba"),
            "--server", url, "--handles", dir.File("ba.list-handles.csv"));
        var afterRemove = await Run(dir, ["node", "query", .. me, "--case", "ME-2026-79", "--family", "Ilic", "--given", "Marija",
            "--dob", "1995-09-09", "--json"]);
        var vehicleOnPersons = await AquilaProcess.RunAsync(dir.Path, ["node", "query", .. me, "--case", "ME-2026-80", "--plate", "BG 123-AB",
            "--country", "SRB", "--make", "Škoda"]);
        server.Dispose();
        var verify = await AquilaProcess.RunAsync(dir.Path, "audit", "verify", "--db", dir.File("data/audit.db"),
            "--heads", dir.File("rs/audit-heads.txt"), dir.File("ba/audit-heads.txt"));
        var queryEntry = JsonDocument.Parse(one.Output).RootElement.GetProperty("audit_entry").GetInt64().ToString(CultureInfo.InvariantCulture);
        var signedByMe = await AquilaProcess.RunAsync(dir.Path, "audit", "verify-query", "--db", dir.File("data/audit.db"), "--entry", queryEntry,
            "--signer", dir.File("me/ME-node-1.crt.pem"), "--ca", dir.File("ca/ca.crt.pem"));
        var pinnedOnRs = await AquilaProcess.RunAsync(dir.Path, "audit", "verify-query", "--db", dir.File("data/audit.db"), "--entry", queryEntry,
            "--signer", dir.File("rs/RS-node-1.crt.pem"), "--ca", dir.File("ca/ca.crt.pem"));

        var answer = JsonDocument.Parse(one.Output).RootElement;
        Assert.Equal("hit", answer.GetProperty("outcome").GetString());
        Assert.Equal(["BA", "RS"], answer.GetProperty("hits").EnumerateArray().Select(h => h.GetProperty("contributor").GetString()).Order());
        var rows = file.Output.Trim().Split('\n');
        Assert.Equal("record_id,outcome,hit_id,contributor,band,keys,note", rows[0]);
        Assert.Equal(2, rows.Count(r => r.StartsWith("Q-1,hit,", StringComparison.Ordinal)));
        Assert.Contains("Q-2,no-hit,,,,,", rows);
        var notices = rsHits.Output.Trim().Split('\n').Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Contains(notices, n => n.GetProperty("kind").GetString() == "duplicate" && n.GetProperty("other_party").GetString() == "BA"
            && n.GetProperty("record_id").GetString() == "RS-9");
        Assert.Contains(notices, n => n.GetProperty("kind").GetString() == "query" && n.GetProperty("case_reference").GetString() == "ME-2026-77"
            && n.GetProperty("officer").GetString() == "ME-OFF-12" && n.GetProperty("signature_verified").GetBoolean());
        Assert.True(signedByMe.ExitCode == 0, signedByMe.Output + signedByMe.Error);
        Assert.Contains("valid signature", signedByMe.Output, StringComparison.Ordinal);
        Assert.NotEqual(0, pinnedOnRs.ExitCode);
        var remaining = JsonDocument.Parse(afterRemove.Output).RootElement.GetProperty("hits");
        Assert.Equal("RS", Assert.Single(remaining.EnumerateArray()).GetProperty("contributor").GetString());
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        Assert.Equal(2, vehicleOnPersons.ExitCode);
        Assert.Contains("holds persons: --plate, --country, --make", vehicleOnPersons.Error, StringComparison.Ordinal);
        foreach (var canary in new[] { "Marija", "Марија", "Valjevo", "1995" })
        {
            Assert.DoesNotContain(canary, server.Output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task Bench_query_reports_latency_percentiles_as_json()
    {
        using var dir = new TempDirectory();

        var result = await Run(dir, "bench", "query", "--entries", "2000", "--queries", "200", "--concurrency", "4", "--no-redis", "--json");

        var figures = JsonDocument.Parse(result.Output).RootElement;
        Assert.True(figures.GetProperty("p99_ms").GetDouble() > 0);
        Assert.True(figures.GetProperty("queries_per_s").GetDouble() > 0);
        Assert.InRange(figures.GetProperty("hits").GetDouble(), 50, 150);
    }
}
