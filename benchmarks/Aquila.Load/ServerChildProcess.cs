using System.Diagnostics;
using System.Text.Json;
using Aquila.Server.Options;

namespace Aquila.Load;

/// <summary>
/// <c>aquila server</c> in a process of its own on a loopback port, as a deployment runs it, so the load driver's CPU and
/// the server's can be told apart. Its output goes to <c>server.log</c> in the work directory.
/// </summary>
internal sealed class ServerChildProcess : IAsyncDisposable
{
    private const string ListeningLine = "Aquila server listening on";
    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private readonly StreamWriter _log;
    private bool _closed;
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ServerChildProcess(Process process, Uri address, StreamWriter log)
    {
        _process = process;
        _log = log;
        Address = address;
    }

    /// <summary>The server's address.</summary>
    public Uri Address { get; }

    /// <summary>User + system CPU seconds the server process used so far.</summary>
    public double CpuSeconds() => CpuClock.OtherProcessSeconds(_process.Id);

    /// <summary>Starts <paramref name="command"/> (the aquila program, then its leading arguments) with <c>server</c> and waits until it listens.</summary>
    public static async Task<ServerChildProcess> StartAsync(IReadOnlyList<string> command, ServerOptions options, string workDirectory,
        CancellationToken cancellationToken)
    {
        var port = LoopbackPort.Free();
        var configPath = Path.Combine(workDirectory, "server.json");
        await File.WriteAllTextAsync(configPath, JsonSerializer.Serialize(new { Server = options }), cancellationToken);
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
        var server = new ServerChildProcess(new Process { StartInfo = start }, new Uri(FormattableString.Invariant($"https://127.0.0.1:{port}")),
            new StreamWriter(Path.Combine(workDirectory, "server.log")));
        server._process.OutputDataReceived += (_, e) => server.Read(e.Data);
        server._process.ErrorDataReceived += (_, e) => server.Read(e.Data);
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        try
        {
            var exited = server._process.WaitForExitAsync(cancellationToken);
            var first = await Task.WhenAny(server._listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60), cancellationToken));
            if (first != server._listening.Task)
            {
                throw new InvalidOperationException("The server process did not start listening. Its last output:\n" + server.LastOutput());
            }

            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: false);
            }

            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException)
        {
            // Never started or already reaped.
        }

        _process.Dispose();
        lock (_lastLines)
        {
            _closed = true;
            _log.Dispose();
        }
    }

    private void Read(string? line)
    {
        if (line is null)
        {
            return;
        }

        if (line.StartsWith(ListeningLine, StringComparison.Ordinal))
        {
            _listening.TrySetResult();
        }

        lock (_lastLines)
        {
            if (_closed)
            {
                return;
            }

            _log.WriteLine(line);
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 20)
            {
                _lastLines.Dequeue();
            }
        }
    }

    private string LastOutput()
    {
        lock (_lastLines)
        {
            return string.Join('\n', _lastLines);
        }
    }
}
