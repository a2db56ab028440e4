using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>
/// Issue 17 item 7: a connection that drops mid-upload is a transient failure. `aquila node submit` sends the batch
/// again with the same batch id (the server accepts it once) instead of ending with an internal error.
/// </summary>
[Collection(nameof(ProcessTests))]
public class SubmitRetryTests
{
    [Fact]
    public async Task Submit_sends_the_batch_again_when_the_connection_is_reset_mid_upload()
    {
        using var dir = new TempDirectory();
        await CliFlow.CreateAuthorityAsync(dir);
        var rs = await CliFlow.EnrolAsync(dir, "RS");
        CliFlow.WriteServerConfig(dir, new[] { new { Id = "retry", Parties = new[] { "RS", "BA" } } });
        await Run(dir, "synth", "--out", dir.File("data"), "--persons", "4000", "--parties", "RS,BA", "--seed", "3");
        await Run(dir, "key", "new", "--out", dir.File("k.key"));
        var tokenize = await AquilaProcess.RunAsync(dir.Path, "node", "tokenize", "--input", dir.File("data/RS.csv"), "--key-file",
            dir.File("k.key"), "--party", "RS", "--project", "retry", "--out", dir.File("rs.aqb"));
        Assert.True(tokenize.ExitCode is 0 or 1, tokenize.Error);
        var batchBytes = new FileInfo(dir.File("rs.aqb")).Length;
        Assert.True(batchBytes > 512 * 1024, $"the batch is too small to be cut mid-upload ({batchBytes} bytes)");
        using var server = await ChildServer.StartAsync(dir.Path, dir.File("server.json"), LoopbackPorts.Take());
        // The first two connections are reset after 256 KiB of the upload (TLS included): past the handshake, mid-batch.
        await using var proxy = new DroppingProxy(server.Port, dropAfterBytes: 256 * 1024, dropConnections: 2);

        var submit = await AquilaProcess.RunAsync(dir.Path, "node", "submit", dir.File("rs.aqb"), "--server",
            $"https://localhost:{proxy.Port}", "--cert", rs, "--json");

        Assert.True(submit.ExitCode == 0, $"exit {submit.ExitCode}: {submit.Error}\nserver:\n{server.Output}");
        Assert.Equal(2, proxy.Dropped);
        Assert.True(proxy.Connections >= 3, $"{proxy.Connections} connection(s)");
        Assert.Contains("\"already_accepted\": false", submit.Output, StringComparison.Ordinal);
    }

    private static async Task Run(TempDirectory dir, params string[] args)
    {
        var result = await AquilaProcess.RunAsync(dir.Path, args);
        Assert.True(result.ExitCode == 0, $"aquila {string.Join(' ', args)} exited {result.ExitCode}: {result.Error}");
    }
}
