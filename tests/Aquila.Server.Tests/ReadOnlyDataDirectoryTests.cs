using System.Diagnostics;
using System.Security.Cryptography;
using Aquila.Bench;
using Aquila.Node;
using Aquila.Security;
using Aquila.Security.Pki;
using Aquila.Server.Hosting;
using Aquila.Server.Options;
using Aquila.Tokens.Derivation;
using Microsoft.Extensions.Logging;

namespace Aquila.Server.Tests;

/// <summary>
/// The server started on a data directory written by an earlier run and then made read-only (a read-only bind mount:
/// as root, file modes alone would not stop a write; skipped without root): it must stop at start with a clear error
/// naming the data directory — not crash, hang or half-start — and leave every file exactly as it was.
/// </summary>
[Collection(nameof(ServerCollection))]
public class ReadOnlyDataDirectoryTests
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_read_only_data_directory_stops_the_server_at_start_with_a_clear_error_and_changes_nothing()
    {
        using var root = new TempDirectory();
        var data = root.File("data");
        Directory.CreateDirectory(data);
        Assert.SkipUnless(await RunAsync("mount", $"--bind \"{data}\" \"{data}\""), "a read-only bind mount needs root");
        try
        {
            using var pki = LocalPki.Create(root.File("pki"));
            var options = LocalServerOptions.For(pki, data, root.File("server-keys"));
            options.Projects = [new ProjectOptions { Id = "ro1", Parties = ["RS", "BA"] }];
            await WriteEarlierRunAsync(options, pki, root.File("work"));
            var before = Hashes(data);
            Assert.True(await RunAsync("mount", $"-o remount,bind,ro \"{data}\""), "remounting read-only failed");

            var start = Task.Run(() => AquilaServer.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning), Cancel), Cancel);
            var finished = await Task.WhenAny(start, Task.Delay(TimeSpan.FromSeconds(60), Cancel));

            Assert.True(finished == start, "the server hung starting on a read-only data directory");
            var error = await Assert.ThrowsAnyAsync<Exception>(() => start);
            Assert.IsType<IOException>(error, exactMatch: false);
            Assert.Contains(data, error.Message, StringComparison.Ordinal);
            Assert.Contains("not writable", error.Message, StringComparison.Ordinal);
            Assert.Equal(before, Hashes(data));
        }
        finally
        {
            await RunAsync("umount", $"\"{data}\"");
        }
    }

    // An earlier run: the server writes its databases and a project's log, a node submits a batch.
    private static async Task WriteEarlierRunAsync(ServerOptions options, LocalPki pki, string work)
    {
        using var key = ProjectKey.Generate();
        Directory.CreateDirectory(work);
        var batch = TestRecords.Tokenize(work, "RS", "ro1", key, "RS-R1,Readonlić,Ana,,Ž,1980-02-03,,RS,,,suspect");
        await using var server = await AquilaServer.StartAsync(options, logging => logging.SetMinimumLevel(LogLevel.Warning), Cancel);
        using var identity = NodeIdentity.Load(pki.IssueIdentity("RS", PartyRole.Node));
        using var channel = AquilaChannel.Create(server.Address, identity);
        var receipt = await new BatchSubmitter(new Protocol.V1.Matching.MatchingClient(channel)).SubmitAsync(batch, null, Cancel);
        Assert.Equal(1, receipt.Records);
    }

    private static SortedDictionary<string, string> Hashes(string directory)
    {
        var hashes = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            hashes[Path.GetRelativePath(directory, file)] = Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(file)));
        }

        return hashes;
    }

    private static async Task<bool> RunAsync(string program, string arguments)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(program, arguments)
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
                UseShellExecute = false,
            })!;
            await process.WaitForExitAsync(Cancel);
            return process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
