using System.Text.Json;
using System.Text.Json.Nodes;
using Aquila.Bench;

namespace Aquila.Cli.Tests.Support;

/// <summary>
/// The set-up every command-line flow test starts with, done through the real commands: a CA, a server
/// certificate, enrolled parties and a server configuration file.
/// </summary>
public static class CliFlow
{
    /// <summary>Creates the CA (<c>ca/</c>) and the server's TLS certificate (<c>server/</c>, for localhost).</summary>
    public static async Task CreateAuthorityAsync(TempDirectory dir)
    {
        await RunAsync(dir, "ca", "init", "--out", dir.File("ca"));
        await RunAsync(dir, "ca", "server-cert", "--ca", dir.File("ca"), "--out", dir.File("server"), "--dns", "localhost");
    }

    /// <summary>
    /// Enrols <paramref name="party"/> in <paramref name="role"/>: a key and CSR made by the node, signed by the CA, and
    /// the CA certificate beside them. Returns the credentials directory (by default the lower-case party code). With
    /// <paramref name="passphraseFile"/> the key is encrypted with the passphrase in that file.
    /// </summary>
    public static async Task<string> EnrolAsync(TempDirectory dir, string party, string role = "node", string? directory = null,
        string? passphraseFile = null)
    {
        var credentials = dir.File(directory ?? party.ToLowerInvariant());
        string[] encrypted = passphraseFile is null ? [] : ["--passphrase-file", passphraseFile];
        await RunAsync(dir, ["node", "csr", "--party", party, "--role", role, "--out", credentials, .. encrypted]);
        await RunAsync(dir, "ca", "sign", "--ca", dir.File("ca"), "--csr", Path.Combine(credentials, $"{party}-{role}-1.csr.pem"),
            "--out", Path.Combine(credentials, $"{party}-{role}-1.crt.pem"), "--expect-party", party, "--expect-role", role);
        File.Copy(dir.File("ca/ca.crt.pem"), Path.Combine(credentials, "ca.crt.pem"));
        return credentials;
    }

    /// <summary>
    /// Writes <c>server.json</c>: the server certificate, the CA as trusted root, its CRL, data and key directories
    /// inside <paramref name="dir"/>, and the configuration-declared <paramref name="projects"/> if any.
    /// </summary>
    public static string WriteServerConfig(TempDirectory dir, object? projects = null)
    {
        var serverCert = Directory.GetFiles(dir.File("server"), "*.crt.pem").Single();
        var server = new Dictionary<string, object>
        {
            ["CertificatePath"] = serverCert,
            ["KeyPath"] = serverCert.Replace(".crt.pem", ".key.pem", StringComparison.Ordinal),
            ["TrustedRootPaths"] = new[] { dir.File("ca/ca.crt.pem") },
            ["CrlPath"] = dir.File("ca/crl.pem"),
            ["DataDirectory"] = dir.File("data"),
            ["KeyDirectory"] = dir.File("server-keys"),
        };
        if (projects is not null)
        {
            server["Projects"] = projects;
        }

        var path = dir.File("server.json");
        File.WriteAllText(path, JsonSerializer.Serialize(new { Server = server }));
        return path;
    }

    /// <summary>
    /// The <c>--expect-parties</c> value the parties agree out of band: each node's <c>aquila node fingerprint</c> line
    /// (<c>RS=&lt;sha256&gt;</c>), joined with commas.
    /// </summary>
    public static async Task<string> ExpectPartiesAsync(TempDirectory dir, params string[] credentials)
    {
        var lines = new List<string>();
        foreach (var directory in credentials)
        {
            var result = await AquilaProcess.RunAsync(dir.Path, "node", "fingerprint", "--cert", directory);
            Assert.True(result.ExitCode == 0, $"aquila node fingerprint --cert {directory} exited {result.ExitCode}: {result.Error}");
            lines.Add(result.Output.Split('\n')[0].Trim());
        }

        return string.Join(',', lines);
    }

    /// <summary>
    /// What each operator does after comparing the fingerprint its <c>aquila node join</c> printed
    /// (<paramref name="joinOutput"/>) with the others: <c>aquila node confirm-fingerprint</c>.
    /// </summary>
    public static async Task ConfirmFingerprintAsync(TempDirectory dir, string project, string keyFile, string credentials, string joinOutput)
    {
        const string marker = "Transcript fingerprint: ";
        var at = joinOutput.IndexOf(marker, StringComparison.Ordinal);
        Assert.True(at >= 0, "`aquila node join` printed no transcript fingerprint: " + joinOutput);
        var fingerprint = joinOutput[(at + marker.Length)..].Split('\n')[0].Trim();
        await RunAsync(dir, "node", "confirm-fingerprint", "--project", project, "--key-file", keyFile, "--cert", credentials, "--fingerprint", fingerprint);
    }

    /// <summary>
    /// A joint list <paramref name="listId"/> (samples/list-project.json, RS, BA and ME; the schema
    /// <paramref name="schemaHash"/> or the built-in person schema) created by the coordinator PCC on a new CA and server,
    /// its key ceremony run by the three nodes (keys in <c>rs.key</c>, <c>ba.key</c>, <c>me.key</c>, fingerprints
    /// confirmed), and opened, with the sample's daily query quota or <paramref name="quotaTokensPerDay"/>. Returns the running server.
    /// </summary>
    public static async Task<ServerChildProcess> OpenThreePartyListAsync(TempDirectory dir, string listId, string? schemaHash = null,
        long? quotaTokensPerDay = null)
    {
        await CreateAuthorityAsync(dir);
        foreach (var party in new[] { "RS", "BA", "ME" })
        {
            await EnrolAsync(dir, party);
        }

        await EnrolAsync(dir, "PCC", "coordinator");
        WriteServerConfig(dir);
        var project = JsonNode.Parse(File.ReadAllText(RepositoryFiles.PathOf("samples/list-project.json")))!;
        project["id"] = listId;
        if (schemaHash is not null)
        {
            project["schemaHash"] = schemaHash;
        }

        if (quotaTokensPerDay is { } quota)
        {
            project["list"]!["quotaTokensPerDay"] = quota;
        }

        project["timeline"]!["start"] = DateTimeOffset.UtcNow.AddDays(-1).ToString("O");
        project["parties"] = JsonNode.Parse("""
            [{"party":"RS","declaredRecords":10,"controller":"MUP RS"},{"party":"BA","declaredRecords":10,"controller":"SIPA"},
             {"party":"ME","declaredRecords":10,"controller":"UP ME"}]
            """);
        File.WriteAllText(dir.File("list.json"), project.ToJsonString());
        var server = await ChildServer.StartAsync(dir.Path, dir.File("server.json"), LoopbackPorts.Take());
        try
        {
            var url = $"https://localhost:{server.Port}";
            string[] coordinator = ["--server", url, "--cert", dir.File("pcc")];
            await RunAsync(dir, ["project", "create", "--file", dir.File("list.json"), .. coordinator]);
            await RunAsync(dir, ["project", "advance", listId, "start_ceremony", .. coordinator]);
            var agreed = await ExpectPartiesAsync(dir, dir.File("rs"), dir.File("ba"), dir.File("me"));
            var joins = await Task.WhenAll(new[] { "rs", "ba", "me" }.Select(p => AquilaProcess.RunAsync(dir.Path,
                "node", "join", "--project", listId, "--server", url, "--cert", dir.File(p), "--key-out", dir.File(p + ".key"), "--expect-parties", agreed)));
            Assert.All(joins, j => Assert.True(j.ExitCode == 0, j.Error));
            foreach (var (p, i) in new[] { "rs", "ba", "me" }.Select((p, i) => (p, i)))
            {
                await ConfirmFingerprintAsync(dir, listId, dir.File(p + ".key"), dir.File(p), joins[i].Output);
            }

            await RunAsync(dir, ["project", "advance", listId, "open", .. coordinator]);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    private static async Task RunAsync(TempDirectory dir, params string[] args)
    {
        var result = await AquilaProcess.RunAsync(dir.Path, args);
        Assert.True(result.ExitCode == 0, $"aquila {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
    }
}
