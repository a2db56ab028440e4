using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Aquila.Server.Options;

namespace Aquila.Bench;

/// <summary>
/// <c>aquila server --config FILE --Server:Port=PORT</c> in a process of its own on a loopback port, as a deployment runs
/// it: the bench uses it to tell the driver's CPU from the server's, and the tests that kill or restart a real server
/// use it too. Everything the server prints is kept (<see cref="Output"/>), or, with a log file, written there with the
/// last lines kept. <see cref="Kill"/> is SIGKILL on Linux: no shutdown code runs. Disposing always kills.
/// </summary>
public sealed class ServerChildProcess : IDisposable, IAsyncDisposable
{
    /// <summary>The line the server prints once Kestrel listens.</summary>
    public const string ListeningLine = "Aquila server listening on";

    private const int LinesKeptWithLog = 20;
    private readonly Process _process;
    private readonly StreamWriter? _log;
    private readonly StringBuilder _output = new();
    private readonly Queue<string> _lastLines = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private bool _closed;

    private ServerChildProcess(Process process, int port, StreamWriter? log)
    {
        _process = process;
        _log = log;
        Port = port;
        Address = new Uri(FormattableString.Invariant($"https://127.0.0.1:{port}"));
    }

    /// <summary>The loopback port the server was told to listen on.</summary>
    public int Port { get; }

    /// <summary>https://127.0.0.1:port.</summary>
    public Uri Address { get; }

    /// <summary>What the server printed on stdout and stderr, in arrival order: all of it, or the last lines when it goes to a log file.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _log is null ? _output.ToString() : string.Join('\n', _lastLines);
            }
        }
    }

    /// <summary>The operating system's id of the server process (for a profiler to attach to).</summary>
    public int ProcessId => _process.Id;

    /// <summary>True once the process is gone (or was never started).</summary>
    public bool HasExited
    {
        get
        {
            try
            {
                return _process.HasExited;
            }
            catch (InvalidOperationException)
            {
                return true;
            }
        }
    }

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>The command that runs <c>aquila.dll</c> from <paramref name="directory"/> (a test's output folder) with <c>dotnet</c>.</summary>
    public static IReadOnlyList<string> DotnetCommand(string directory) => ["dotnet", Path.Combine(directory, "aquila.dll")];

    /// <summary>Writes <paramref name="options"/> as section "Server" of <c>server.json</c> in <paramref name="workDirectory"/>; returns its path.</summary>
    public static async Task<string> WriteConfigAsync(ServerOptions options, string workDirectory, CancellationToken cancellationToken)
    {
        var path = Path.Combine(workDirectory, "server.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new { Server = options }), cancellationToken);
        return path;
    }

    /// <summary>
    /// Starts <paramref name="command"/> (the aquila program, then its leading arguments) with
    /// <c>server --config <paramref name="configPath"/> --Server:Port=<paramref name="port"/></c> and returns as soon as it runs.
    /// </summary>
    public static ServerChildProcess Launch(IReadOnlyList<string> command, string configPath, int port, string workDirectory,
        string? logPath = null, IReadOnlyDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(command[0])
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        for (var i = 1; i < command.Count; i++)
        {
            start.ArgumentList.Add(command[i]);
        }

        start.ArgumentList.Add("server");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        start.ArgumentList.Add(FormattableString.Invariant($"--Server:Port={port}"));
        start.Environment["NO_COLOR"] = "1";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        var server = new ServerChildProcess(new Process { StartInfo = start }, port, logPath is null ? null : new StreamWriter(logPath));
        server._process.OutputDataReceived += (_, e) => server.Read(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Read(e.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        return server;
    }

    /// <summary><see cref="Launch"/>, then <see cref="WaitUntilListeningAsync"/>; killed if it does not listen.</summary>
    public static async Task<ServerChildProcess> StartAsync(IReadOnlyList<string> command, string configPath, int port, string workDirectory,
        string? logPath, TimeSpan timeout, CancellationToken cancellationToken, IReadOnlyDictionary<string, string>? environment = null)
    {
        var server = Launch(command, configPath, port, workDirectory, logPath, environment);
        try
        {
            await server.WaitUntilListeningAsync(timeout, cancellationToken);
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>Returns once the server printed <see cref="ListeningLine"/>; throws with its last output when it exits or the time is up first.</summary>
    public async Task WaitUntilListeningAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        var exited = _process.WaitForExitAsync(cancellationToken);
        var first = await Task.WhenAny(_listening.Task, exited, Task.Delay(timeout, cancellationToken));
        cancellationToken.ThrowIfCancellationRequested();
        if (first != _listening.Task)
        {
            throw new InvalidOperationException("The server process did not start listening. Its output:\n" + Output);
        }
    }

    /// <summary>User + system CPU seconds the server process used so far.</summary>
    public double CpuSeconds() => CpuClock.OtherProcessSeconds(_process.Id);

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public void Kill()
    {
        if (!HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit();
    }

    /// <inheritdoc />
    public void Dispose()
    {
        try
        {
            Kill();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
        lock (_output)
        {
            _closed = true;
            _log?.Dispose();
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.Contains(ListeningLine, StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }

        lock (_output)
        {
            if (_closed)
            {
                return;
            }

            if (_log is null)
            {
                _output.Append(line).Append('\n');
                return;
            }

            _log.WriteLine(line);
            _lastLines.Enqueue(line);
            if (_lastLines.Count > LinesKeptWithLog)
            {
                _lastLines.Dequeue();
            }
        }
    }
}
