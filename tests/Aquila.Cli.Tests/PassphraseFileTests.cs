using System.CommandLine;
using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>
/// Issue 17 leftovers: every command that opens a node key from <c>--cert</c> takes <c>--passphrase-file</c>, so an
/// encrypted key can be used without its passphrase ever being an argument that <c>ps</c> shows.
/// </summary>
[Collection(nameof(ProcessTests))]
public class PassphraseFileTests
{
    // `node fingerprint` reads only the certificate. `node inbox` opens up to two keys (node and analyst) inside
    // Aquila.Node.Inbox and does not take an encrypted key yet.
    private static readonly string[] CertificateOnly = ["aquila node fingerprint", "aquila node inbox"];

    [Fact]
    public void Every_command_that_opens_a_certificate_directory_takes_a_passphrase_file()
    {
        var missing = Commands(AquilaCommand.Create(), "aquila")
            .Where(c => c.Command.Options.Any(o => o.Name == "--cert") && !CertificateOnly.Contains(c.Path))
            .Where(c => c.Command.Options.All(o => o.Name != "--passphrase-file"))
            .Select(c => c.Path)
            .ToList();

        Assert.Empty(missing);
    }

    [Fact]
    public async Task Project_feedback_and_purge_commands_open_an_encrypted_key_with_the_passphrase_file()
    {
        using var dir = new TempDirectory();
        var pass = dir.File("key.pass");
        File.WriteAllText(pass, "staple battery horse\n");
        await CliFlow.CreateAuthorityAsync(dir);
        var coordinator = await CliFlow.EnrolAsync(dir, "PCC", "coordinator", passphraseFile: pass);
        var node = await CliFlow.EnrolAsync(dir, "RS", passphraseFile: pass);
        File.WriteAllBytes(dir.File("project.key"), new byte[32]);
        using var server = await ChildServer.StartAsync(dir.Path, CliFlow.WriteServerConfig(dir), LoopbackPorts.Take());
        var url = $"https://localhost:{server.Port}";

        var list = await AquilaProcess.RunAsync(dir.Path, "project", "list", "--server", url, "--cert", coordinator, "--passphrase-file", pass);
        var withoutPassphrase = await AquilaProcess.RunAsync(dir.Path, "project", "list", "--server", url, "--cert", coordinator);
        var feedback = await AquilaProcess.RunAsync(dir.Path, "node", "feedback", new string('a', 32), "confirmed", "--project", "nope",
            "--server", url, "--cert", node, "--passphrase-file", pass);
        var purge = await AquilaProcess.RunAsync(dir.Path, "node", "purge", "--project", "nope", "--key-file", dir.File("project.key"),
            "--server", url, "--cert", node, "--passphrase-file", pass);

        Assert.True(list.ExitCode == 0, list.All);
        Assert.Contains("0 project(s).", list.Output, StringComparison.Ordinal);
        Assert.Equal(3, withoutPassphrase.ExitCode);
        Assert.Contains("--passphrase-file", withoutPassphrase.Error, StringComparison.Ordinal);
        // The key opened and the call reached the server, which refuses a project that is not there (exit 7).
        Assert.True(feedback.ExitCode == 7, feedback.All);
        Assert.True(purge.ExitCode == 7, purge.All);
        Assert.True(File.Exists(dir.File("project.key")), "node purge destroyed a key although the server refused");
    }

    private static IEnumerable<(string Path, Command Command)> Commands(Command command, string path)
    {
        yield return (path, command);
        foreach (var sub in command.Subcommands)
        {
            foreach (var found in Commands(sub, path + " " + sub.Name))
            {
                yield return found;
            }
        }
    }
}
