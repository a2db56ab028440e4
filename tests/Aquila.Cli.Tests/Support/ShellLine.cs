using System.Diagnostics;
using System.Text;

namespace Aquila.Cli.Tests.Support;

/// <summary>
/// One README line run by <c>/bin/sh -c</c> in a folder, with <c>aquila</c> on the PATH resolving to the built command;
/// output is collected as it comes, so a background line (a server) can be watched while it runs.
/// </summary>
public sealed class ShellLine : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly StringBuilder _error = new();

    private ShellLine(string line, Process process)
    {
        Line = line;
        _process = process;
    }

    public string Line { get; }

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public string Error
    {
        get
        {
            lock (_error)
            {
                return _error.ToString();
            }
        }
    }

    public int ExitCode => _process.ExitCode;

    /// <summary>A folder with an <c>aquila</c> script that runs the aquila.dll next to the tests.</summary>
    public static string CreateAquilaShim(string folder)
    {
        Directory.CreateDirectory(folder);
        var shim = Path.Combine(folder, "aquila");
        File.WriteAllText(shim, $"#!/bin/sh\nexec dotnet \"{Path.Combine(AppContext.BaseDirectory, "aquila.dll")}\" \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(shim, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        return folder;
    }

    public static ShellLine Start(string line, string workingDirectory, string shimFolder)
    {
        var start = new ProcessStartInfo("/bin/sh")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        // Without the trailing '&' the shell waits for the command, and this object is what runs in the background.
        start.ArgumentList.Add(ReadmeWalkthrough.IsBackground(line) ? line[..line.LastIndexOf('&')] : line);
        start.Environment["PATH"] = shimFolder + Path.PathSeparator + Environment.GetEnvironmentVariable("PATH");
        start.Environment["NO_COLOR"] = "1";
        var shell = new ShellLine(line, Process.Start(start)!);
        shell._process.OutputDataReceived += (_, e) => Append(shell._output, e.Data);
        shell._process.ErrorDataReceived += (_, e) => Append(shell._error, e.Data);
        shell._process.BeginOutputReadLine();
        shell._process.BeginErrorReadLine();
        return shell;
    }

    public async Task<int> WaitAsync(TimeSpan timeout)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            Kill();
            throw new TimeoutException($"`{Line}` did not finish within {timeout}:\n{Output}\n{Error}");
        }

        _process.WaitForExit(); // drains the redirected output
        return _process.ExitCode;
    }

    /// <summary>Waits until <paramref name="text"/> appears in the output; fails if the process ends first.</summary>
    public async Task WaitForOutputAsync(string text, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!Output.Contains(text, StringComparison.Ordinal))
        {
            if (_process.HasExited || DateTime.UtcNow > deadline)
            {
                throw new InvalidOperationException($"`{Line}` did not print '{text}':\n{Output}\n{Error}");
            }

            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
    }

    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }

    private static void Append(StringBuilder to, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (to)
        {
            to.AppendLine(line);
        }
    }
}
