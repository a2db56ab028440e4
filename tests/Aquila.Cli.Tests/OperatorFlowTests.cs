using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>
/// The whole flow as operators and node operators run it, every step the real command: CA, enrolment, server,
/// tokenise, submit, hits, audit verification.
/// </summary>
[Collection(nameof(ProcessTests))]
public class OperatorFlowTests
{
    private static async Task<AquilaProcess.Result> Run(TempDirectory dir, params string[] args)
    {
        var result = await AquilaProcess.RunAsync(dir.Path, args);
        Assert.True(result.ExitCode is 0 or 1, $"aquila {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }

    [Fact]
    public async Task Enrol_serve_tokenise_submit_read_hits_and_verify_the_audit_chain()
    {
        using var dir = new TempDirectory();
        await Run(dir, "ca", "init", "--out", dir.File("ca"));
        await Run(dir, "ca", "server-cert", "--ca", dir.File("ca"), "--out", dir.File("server"), "--dns", "localhost", "--ip", "127.0.0.1");
        await CliFlow.EnrolAsync(dir, "RS");
        await CliFlow.EnrolAsync(dir, "BA");
        var serverCert = Directory.GetFiles(dir.File("server"), "*.crt.pem").Single();
        var config = dir.File("aquila-server.json");
        File.WriteAllText(config, JsonSerializer.Serialize(new
        {
            Server = new
            {
                CertificatePath = serverCert,
                KeyPath = serverCert.Replace(".crt.pem", ".key.pem", StringComparison.Ordinal),
                TrustedRootPaths = new[] { dir.File("ca/ca.crt.pem") },
                CrlPath = dir.File("ca/crl.pem"),
                DataDirectory = dir.File("data"),
                KeyDirectory = dir.File("server-keys"),
                Projects = new[] { new { Id = "flow", Parties = new[] { "RS", "BA" } } },
            },
        }));
        using var server = await ChildServer.StartAsync(dir.Path, config, LoopbackPorts.Take());
        var url = $"https://localhost:{server.Port}";
        await Run(dir, "key", "new", "--out", dir.File("project.key"));
        const string header = "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category\n";
        File.WriteAllText(dir.File("rs.csv"), header + "RS-1,Јовановић,Стефан,Милан,М,03.04.1987.,Крагујевац,RS,,,suspect\n", new UTF8Encoding(false));
        File.WriteAllText(dir.File("ba.csv"), header + "BA-7,Jovanovic,Stefan,Milan,M,1987-04-03,Kragujevac,SRB,,,suspect\n", new UTF8Encoding(false));
        await Run(dir, "node", "tokenize", "--input", dir.File("rs.csv"), "--key-file", dir.File("project.key"), "--party", "RS",
            "--project", "flow", "--out", dir.File("rs.aqb"));
        await Run(dir, "node", "tokenize", "--input", dir.File("ba.csv"), "--key-file", dir.File("project.key"), "--party", "BA",
            "--project", "flow", "--out", dir.File("ba.aqb"));

        var rsSubmit = await Run(dir, "node", "submit", dir.File("rs.aqb"), "--server", url, "--cert", dir.File("rs"));
        var baSubmit = await Run(dir, "node", "submit", dir.File("ba.aqb"), "--server", url, "--cert", dir.File("ba"), "--json");
        var resubmit = await Run(dir, "node", "submit", dir.File("rs.aqb"), "--server", url, "--cert", dir.File("rs"));
        var hits = await Run(dir, "node", "hits", "--server", url, "--cert", dir.File("rs"), "--project", "flow",
            "--handles", dir.File("rs.aqb.handles.csv"), "--csv");
        var baHits = await Run(dir, "node", "hits", "--server", url, "--cert", dir.File("ba"), "--project", "flow",
            "--handles", dir.File("ba.aqb.handles.csv"), "--json");
        var wrongParty = await AquilaProcess.RunAsync(dir.Path, "node", "submit", dir.File("ba.aqb"), "--server", url, "--cert", dir.File("rs"));
        server.Dispose();
        var verify = await AquilaProcess.RunAsync(dir.Path, "audit", "verify", "--db", dir.File("data/audit.db"),
            "--heads", dir.File("rs/audit-heads.txt"), dir.File("ba/audit-heads.txt"));

        Assert.True(rsSubmit.Output.Contains("accepted", StringComparison.Ordinal), rsSubmit.Output + rsSubmit.Error);
        Assert.False(JsonDocument.Parse(baSubmit.Output).RootElement.GetProperty("already_accepted").GetBoolean());
        Assert.Contains("was already accepted", resubmit.Output, StringComparison.Ordinal);
        var rows = hits.Output.Trim().Split('\n');
        Assert.Equal("sequence,kind,hit_id,record_id,other_party,band,keys,score,agreement", rows[0]);
        var row = Assert.Single(rows.Skip(1)).Split(',');
        Assert.Equal(["RS-1", "BA", "strong"], [row[3], row[4], row[5]]);
        var baLine = JsonDocument.Parse(baHits.Output.Trim().Split('\n').Single()).RootElement;
        Assert.Equal("BA-7", baLine.GetProperty("record_id").GetString());
        Assert.Equal(row[2], baLine.GetProperty("hit_id").GetString());
        Assert.Equal(7, wrongParty.ExitCode);
        Assert.Contains("PermissionDenied", wrongParty.Error, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        foreach (var canary in new[] { "Стефан", "Stefan", "Jovanovic", "Kragujevac", "1987" })
        {
            Assert.DoesNotContain(canary, server.Output, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_coordinator_runs_a_project_through_its_ceremony_and_hits_come_only_in_matching()
    {
        using var dir = new TempDirectory();
        await CliFlow.CreateAuthorityAsync(dir);
        await CliFlow.EnrolAsync(dir, "RS");
        await CliFlow.EnrolAsync(dir, "BA");
        await CliFlow.EnrolAsync(dir, "PCC", "coordinator");
        CliFlow.WriteServerConfig(dir);
        var project = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("samples/project.json")))!;
        project["id"] = "flow-1";
        project["timeline"]!["start"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        project["timeline"]!["submissionDeadline"] = DateTimeOffset.UtcNow.AddDays(20).ToString("O");
        project["timeline"]!["end"] = DateTimeOffset.UtcNow.AddDays(60).ToString("O");
        project["timeline"]!["purgeDate"] = DateTimeOffset.UtcNow.AddDays(120).ToString("O");
        project["parties"] = JsonNode.Parse("""[{"party":"RS","declaredRecords":10,"controller":"MUP RS"},{"party":"BA","declaredRecords":10,"controller":"SIPA"}]""");
        File.WriteAllText(dir.File("project.json"), project.ToJsonString());
        using var server = await ChildServer.StartAsync(dir.Path, dir.File("server.json"), LoopbackPorts.Take());
        var url = $"https://localhost:{server.Port}";
        string[] coordinator = ["--server", url, "--cert", dir.File("pcc")];

        var created = await AquilaProcess.RunAsync(dir.Path, ["project", "create", "--file", dir.File("project.json"), .. coordinator]);
        Assert.True(created.ExitCode == 0, created.Error + server.Output);
        var started = await Run(dir, ["project", "advance", "flow-1", "start_ceremony", .. coordinator]);
        var agreed = await CliFlow.ExpectPartiesAsync(dir, dir.File("rs"), dir.File("ba"));
        var joins = await Task.WhenAll(
            AquilaProcess.RunAsync(dir.Path, "node", "join", "--project", "flow-1", "--server", url, "--cert", dir.File("rs"), "--key-out", dir.File("rs.key"),
                "--expect-parties", agreed),
            AquilaProcess.RunAsync(dir.Path, "node", "join", "--project", "flow-1", "--server", url, "--cert", dir.File("ba"), "--key-out", dir.File("ba.key"),
                "--expect-parties", agreed));
        await CliFlow.ConfirmFingerprintAsync(dir, "flow-1", dir.File("rs.key"), dir.File("rs"), joins[0].Output);
        await CliFlow.ConfirmFingerprintAsync(dir, "flow-1", dir.File("ba.key"), dir.File("ba"), joins[1].Output);
        var opened = await Run(dir, ["project", "advance", "flow-1", "open", .. coordinator]);
        const string header = "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category\n";
        File.WriteAllText(dir.File("rs.csv"), header + "RS-1,Илић,Марија,Петар,Ж,09.09.1995.,Ваљево,RS,,,suspect\n", new UTF8Encoding(false));
        File.WriteAllText(dir.File("ba.csv"), header + "BA-1,Ilić,Marija,Petar,Ž,1995-09-09,Valjevo,SRB,,,suspect\n", new UTF8Encoding(false));
        foreach (var party in new[] { "rs", "ba" })
        {
            await Run(dir, "node", "tokenize", "--input", dir.File(party + ".csv"), "--key-file", dir.File(party + ".key"), "--cert", dir.File(party),
                "--party", party.ToUpperInvariant(), "--project", "flow-1", "--out", dir.File(party + ".aqb"));
            await Run(dir, "node", "submit", dir.File(party + ".aqb"), "--server", url, "--cert", dir.File(party));
        }

        var early = await AquilaProcess.RunAsync(dir.Path, "node", "hits", "--server", url, "--cert", dir.File("rs"), "--project", "flow-1",
            "--handles", dir.File("rs.aqb.handles.csv"), "--csv");
        await Run(dir, ["project", "advance", "flow-1", "start_matching", .. coordinator]);
        var hits = await Run(dir, "node", "hits", "--server", url, "--cert", dir.File("rs"), "--project", "flow-1",
            "--handles", dir.File("rs.aqb.handles.csv"), "--csv");

        Assert.Contains("Key ceremony round 1: confirmed by none; waiting for RS, BA", started.Output, StringComparison.Ordinal);
        Assert.All(joins, j => Assert.True(j.ExitCode == 0, j.Error));
        // Each node's copy of the one project key is wrapped to its own certificate key: the files differ, the tokens match.
        Assert.All(new[] { "rs.key", "ba.key" }, f => Assert.StartsWith("AQPKWRAP", File.ReadAllText(dir.File(f)), StringComparison.Ordinal));
        Assert.NotEqual(File.ReadAllBytes(dir.File("rs.key")), File.ReadAllBytes(dir.File("ba.key")));
        var fingerprints = joins.Select(j => j.Output.Split('\n').First(l => l.StartsWith("Transcript fingerprint", StringComparison.Ordinal))).ToList();
        Assert.Equal(fingerprints[0], fingerprints[1]);
        Assert.Contains("Open", opened.Output, StringComparison.Ordinal);
        Assert.Equal(7, early.ExitCode);
        Assert.Contains("released when it moves to Matching", early.Error, StringComparison.Ordinal);
        var row = Assert.Single(hits.Output.Trim().Split('\n').Skip(1)).Split(',');
        Assert.Equal(["RS-1", "BA", "strong"], [row[3], row[4], row[5]]);
    }

    [Fact]
    public async Task The_demo_runs_six_parties_end_to_end_and_reports_quality()
    {
        using var dir = new TempDirectory();

        var demo = await AquilaProcess.RunAsync(dir.Path, "demo", "--persons", "300", "--json", "--keep", dir.File("run"));

        Assert.True(demo.ExitCode == 0, demo.Error);
        var quality = JsonDocument.Parse(demo.Output).RootElement.GetProperty("quality").EnumerateArray().ToList();
        Assert.Equal(3, quality.Count);
        Assert.All(quality, q => Assert.True(q.GetProperty("precision").GetDouble() > 0.95));
        Assert.True(quality[2].GetProperty("recall").GetDouble() > 0.5);
        var verify = await AquilaProcess.RunAsync(dir.Path, "audit", "verify", "--db", dir.File("run/server/audit.db"));
        Assert.Equal(0, verify.ExitCode);
    }

    [Fact]
    public async Task Simulate_writes_one_row_per_hit_pair_with_both_record_ids()
    {
        using var dir = new TempDirectory();
        const string header = "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category\n";
        Directory.CreateDirectory(dir.File("parties"));
        File.WriteAllText(dir.File("parties/ME.csv"), header + "ME-1,Vuković,Ivana,,Ž,14.02.1993,Bar,ME,,,\nME-2,Perović,Nina,,Ž,1990,,ME,,,\n");
        File.WriteAllText(dir.File("parties/XK.csv"), header + "XK-5,Vukoviq,Ivana,,F,1993-02-14,Tivar,MNE,,,\n");

        var result = await AquilaProcess.RunAsync(dir.Path, "simulate", "--parties", dir.File("parties"), "--out", dir.File("hits.csv"));

        Assert.True(result.ExitCode == 0, result.Error);
        var lines = File.ReadAllLines(dir.File("hits.csv"));
        Assert.Equal("hit_id,party_a,record_a,party_b,record_b,band,keys", lines[0]);
        var cells = Assert.Single(lines.Skip(1)).Split(',');
        Assert.Equal(["ME", "ME-1", "XK", "XK-5"], cells[1..5]);
    }
}
