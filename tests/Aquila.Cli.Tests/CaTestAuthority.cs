using Aquila.Cli.Tests.Support;

namespace Aquila.Cli.Tests;

/// <summary>
/// A CA made with the real command (passphrase-protected) that has issued RS-node-1 and BA-analyst-1 and revoked the
/// BA certificate; shared by tests that check refusals and listings, which must not change it.
/// </summary>
public sealed class CaTestAuthority : IAsyncLifetime
{
    private readonly TempDirectory _dir = new();

    public string Root => _dir.Path;

    public string Ca => _dir.File("ca");

    public string Passphrase => _dir.File("ca.pass");

    public string NodeDirectory => _dir.File("node");

    public string RsCsr => _dir.File("node/RS-node-1.csr.pem");

    public string RsSerial { get; private set; } = "";

    public string BaSerial { get; private set; } = "";

    public string File(string name) => _dir.File(name);

    public async ValueTask InitializeAsync()
    {
        System.IO.File.WriteAllText(Passphrase, "tr0ub4dor&3\n");
        await RunAsync("ca", "init", "--out", Ca, "--passphrase-file", Passphrase);
        await RunAsync("node", "csr", "--party", "RS", "--out", NodeDirectory);
        await RunAsync("node", "csr", "--party", "BA", "--role", "analyst", "--out", NodeDirectory);
        RsSerial = SerialFrom(await RunAsync("ca", "sign", "--ca", Ca, "--csr", RsCsr, "--out", _dir.File("node/RS-node-1.crt.pem"),
            "--passphrase-file", Passphrase));
        BaSerial = SerialFrom(await RunAsync("ca", "sign", "--ca", Ca, "--csr", _dir.File("node/BA-analyst-1.csr.pem"),
            "--out", _dir.File("node/BA-analyst-1.crt.pem"), "--passphrase-file", Passphrase));
        await RunAsync("ca", "revoke", "--ca", Ca, "--serial", BaSerial, "--reason", "superseded", "--passphrase-file", Passphrase);
    }

    public ValueTask DisposeAsync()
    {
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>Every file of the CA directory with its content, to prove that a refused command changed nothing.</summary>
    public SortedDictionary<string, string> Snapshot()
    {
        var files = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(Ca, "*", SearchOption.AllDirectories))
        {
            files[Path.GetRelativePath(Ca, path)] = System.IO.File.ReadAllText(path);
        }

        return files;
    }

    private async Task<string> RunAsync(params string[] args)
    {
        var result = await AquilaProcess.RunAsync(_dir.Path, args);
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException($"aquila {string.Join(' ', args)} failed ({result.ExitCode}): {result.All}");
        }

        return result.Output;
    }

    private static string SerialFrom(string signOutput)
    {
        foreach (var line in signOutput.Split('\n'))
        {
            var trimmed = line.Trim();
            if (trimmed.StartsWith("serial ", StringComparison.Ordinal))
            {
                return trimmed["serial ".Length..].Trim();
            }
        }

        throw new InvalidOperationException("'aquila ca sign' printed no serial: " + signOutput);
    }
}
