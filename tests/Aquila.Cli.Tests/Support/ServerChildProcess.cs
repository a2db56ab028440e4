using System.Diagnostics;
using System.Text;

namespace Aquila.Cli.Tests.Support;

/// <summary>`aquila server --config FILE` as a child process; killed on dispose whatever happens.</summary>
public sealed class ServerChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private bool _disposed;

    private ServerChildProcess(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

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

    public static int FreePort() => LoopbackPorts.Take();

    public static async Task<ServerChildProcess> StartAsync(string workingDirectory, string configPath, int port)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "aquila.dll"), "server", "--config", configPath, $"--Server:Port={port}" })
        {
            start.ArgumentList.Add(arg);
        }

        var server = new ServerChildProcess(Process.Start(start)!, port);
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnLine(object sender, DataReceivedEventArgs e)
        {
            if (e.Data is null)
            {
                return;
            }

            lock (server._output)
            {
                server._output.AppendLine(e.Data);
            }

            if (e.Data.Contains("listening on", StringComparison.Ordinal))
            {
                listening.TrySetResult();
            }
        }

        server._process.OutputDataReceived += OnLine;
        server._process.ErrorDataReceived += OnLine;
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        var exited = server._process.WaitForExitAsync(TestContext.Current.CancellationToken);
        var first = await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
        if (first != listening.Task)
        {
            server.Dispose();
            throw new InvalidOperationException("The server did not start:\n" + server.Output);
        }

        return server;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
    }
}
