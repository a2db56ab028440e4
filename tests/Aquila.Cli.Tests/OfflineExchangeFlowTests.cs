using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>
/// A party without a live link (XK) in a one-time project, every step the real command as docs/offline-exchange.md
/// describes it: node export → project import (by the coordinator) → project export-hits → node import-hits. XK
/// sees the same hit as RS, who works online.
/// </summary>
[Collection(nameof(ProcessTests))]
public class OfflineExchangeFlowTests
{
    private static async Task<AquilaProcess.Result> Run(TempDirectory dir, params string[] args)
    {
        var result = await AquilaProcess.RunAsync(dir.Path, args);
        Assert.True(result.ExitCode == 0, $"aquila {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
        return result;
    }

    [Fact]
    public async Task An_offline_party_exports_its_batch_the_coordinator_imports_it_and_carries_its_hits_back()
    {
        using var dir = new TempDirectory();
        await CliFlow.CreateAuthorityAsync(dir);
        await CliFlow.EnrolAsync(dir, "RS", "node", "rs");
        await CliFlow.EnrolAsync(dir, "XK", "node", "xk");
        await CliFlow.EnrolAsync(dir, "PCC", "coordinator", "pcc");
        var serverCert = Directory.GetFiles(dir.File("server"), "*.crt.pem").Single();
        CliFlow.WriteServerConfig(dir);
        var project = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("samples/project.json")))!;
        project["id"] = "off-1";
        project["timeline"]!["start"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        project["timeline"]!["submissionDeadline"] = DateTimeOffset.UtcNow.AddDays(20).ToString("O");
        project["timeline"]!["end"] = DateTimeOffset.UtcNow.AddDays(60).ToString("O");
        project["timeline"]!["purgeDate"] = DateTimeOffset.UtcNow.AddDays(120).ToString("O");
        project["parties"] = JsonNode.Parse("""[{"party":"RS","declaredRecords":10,"controller":"MUP RS"},{"party":"XK","declaredRecords":10,"controller":"KP"}]""");
        File.WriteAllText(dir.File("project.json"), project.ToJsonString());
        using var server = await ChildServer.StartAsync(dir.Path, dir.File("server.json"), LoopbackPorts.Take());
        var url = $"https://localhost:{server.Port}";
        string[] coordinator = ["--server", url, "--cert", dir.File("pcc")];
        await Run(dir, ["project", "create", "--file", dir.File("project.json"), .. coordinator]);
        await Run(dir, ["project", "advance", "off-1", "start_ceremony", .. coordinator]);
        var agreed = await CliFlow.ExpectPartiesAsync(dir, dir.File("rs"), dir.File("xk"));
        var joins = await Task.WhenAll(
            Run(dir, "node", "join", "--project", "off-1", "--server", url, "--cert", dir.File("rs"), "--key-out", dir.File("rs.key"), "--expect-parties", agreed),
            Run(dir, "node", "join", "--project", "off-1", "--server", url, "--cert", dir.File("xk"), "--key-out", dir.File("xk.key"), "--expect-parties", agreed));
        await CliFlow.ConfirmFingerprintAsync(dir, "off-1", dir.File("rs.key"), dir.File("rs"), joins[0].Output);
        await CliFlow.ConfirmFingerprintAsync(dir, "off-1", dir.File("xk.key"), dir.File("xk"), joins[1].Output);
        await Run(dir, ["project", "advance", "off-1", "open", .. coordinator]);
        const string header = "record_id,family_name,given_name,father_name,sex,date_of_birth,place_of_birth,nationality,document_number,national_id,subject_category\n";
        File.WriteAllText(dir.File("rs.csv"), header + "RS-1,Красниќи,Арбен,Фадиљ,М,07.11.1988.,Призрен,RS,,,suspect\n", new UTF8Encoding(false));
        File.WriteAllText(dir.File("xk.csv"), header + "XK-1,Krasniqi,Arben,Fadil,M,1988-11-07,Prizren,XK,,,suspect\n", new UTF8Encoding(false));
        foreach (var party in new[] { "rs", "xk" })
        {
            await Run(dir, "node", "tokenize", "--input", dir.File(party + ".csv"), "--key-file", dir.File(party + ".key"), "--cert", dir.File(party),
                "--party", party.ToUpperInvariant(), "--project", "off-1", "--out", dir.File(party + ".aqb"));
        }

        await Run(dir, "node", "submit", dir.File("rs.aqb"), "--server", url, "--cert", dir.File("rs"));
        var exported = await Run(dir, "node", "export", dir.File("xk.aqb"), "--cert", dir.File("xk"), "--server-cert", serverCert, "--out", dir.File("xk.aqx"));
        var imported = await Run(dir, ["project", "import", dir.File("xk.aqx"), "--json", .. coordinator]);
        var replayed = await AquilaProcess.RunAsync(dir.Path, ["project", "import", dir.File("xk.aqx"), .. coordinator]);
        await Run(dir, ["project", "advance", "off-1", "start_matching", .. coordinator]);
        await Run(dir, ["project", "export-hits", "--project", "off-1", "--party", "XK", "--out", dir.File("xk-hits.aqh"), .. coordinator]);
        var xkHits = await Run(dir, "node", "import-hits", dir.File("xk-hits.aqh"), "--cert", dir.File("xk"), "--handles", dir.File("xk.aqb.handles.csv"), "--csv");
        var again = await Run(dir, "node", "import-hits", dir.File("xk-hits.aqh"), "--cert", dir.File("xk"), "--handles", dir.File("xk.aqb.handles.csv"), "--csv");
        var rsHits = await Run(dir, "node", "hits", "--server", url, "--cert", dir.File("rs"), "--project", "off-1",
            "--handles", dir.File("rs.aqb.handles.csv"), "--csv");
        var stolen = await AquilaProcess.RunAsync(dir.Path, "node", "import-hits", dir.File("xk-hits.aqh"), "--cert", dir.File("rs"), "--csv");
        server.Dispose();
        var verify = await AquilaProcess.RunAsync(dir.Path, "audit", "verify", "--db", dir.File("data/audit.db"),
            "--heads", dir.File("xk/audit-heads.txt"), dir.File("pcc/audit-heads.txt"));

        Assert.Contains("sealed into", exported.Output, StringComparison.Ordinal);
        var receipt = JsonDocument.Parse(imported.Output).RootElement;
        Assert.Equal(("XK", 1), (receipt.GetProperty("party").GetString(), receipt.GetProperty("records").GetInt32()));
        Assert.Equal(7, replayed.ExitCode);
        Assert.Contains("AlreadyExists", replayed.Error, StringComparison.Ordinal);
        Assert.Contains(receipt.GetProperty("batch_id").GetString()!, replayed.Error, StringComparison.Ordinal);
        var xkRow = Assert.Single(xkHits.Output.Trim().Split('\n').Skip(1)).Split(',');
        Assert.Equal(["XK-1", "RS", "strong"], [xkRow[3], xkRow[4], xkRow[5]]);
        Assert.Equal("sequence,kind,hit_id,record_id,other_party,band,keys,score,agreement", again.Output.Trim());
        var rsRow = Assert.Single(rsHits.Output.Trim().Split('\n').Skip(1)).Split(',');
        Assert.Equal(xkRow[2], rsRow[2]);
        Assert.Equal(3, stolen.ExitCode);
        Assert.Contains("party XK", stolen.Error, StringComparison.Ordinal);
        Assert.True(verify.ExitCode == 0, verify.Output + verify.Error);
        foreach (var canary in new[] { "Krasniqi", "Arben", "Prizren", "1988" })
        {
            Assert.DoesNotContain(canary, server.Output, StringComparison.OrdinalIgnoreCase);
        }

        // The coordinator carried the file: it must not hold the batch's tokens in clear.
        var lastToken = File.ReadAllBytes(dir.File("xk.aqb"))[^48..^32];
        Assert.True(File.ReadAllBytes(dir.File("xk.aqx")).AsSpan().IndexOf(lastToken) < 0, "the export file holds a token in clear");
    }
}
