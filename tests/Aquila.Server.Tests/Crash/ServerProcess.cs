using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Aquila.Node;
using Aquila.Protocol.V1;
using Aquila.Server.Options;
using Grpc.Core;

namespace Aquila.Server.Tests.Crash;

/// <summary>
/// The real <c>aquila server --config FILE</c> as a child process (<c>dotnet aquila.dll</c> from the test output), with
/// everything it prints captured. <see cref="Kill"/> is SIGKILL on Linux: no shutdown code runs. Dispose always kills.
/// </summary>
public sealed class ServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServerProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    /// <summary>https://127.0.0.1:port — the address the server was told to listen on.</summary>
    public Uri Address { get; }

    /// <summary>Everything written to stdout and stderr so far, in arrival order.</summary>
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

    /// <summary>A loopback port reserved for this test process, to keep across restarts.</summary>
    public static int FreePort() => LoopbackPorts.Take();

    /// <summary>
    /// Writes <paramref name="options"/> (all but the port) as section "Server" of a JSON file in
    /// <paramref name="workDirectory"/>, starts the server with <c>--Server:Port=<paramref name="port"/></c>, and
    /// returns once a GetProject call by <paramref name="probe"/> succeeds.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(ServerOptions options, int port, string workDirectory, NodeIdentity probe,
        string projectId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var server = Launch(options, port, workDirectory);
        try
        {
            await server.WaitUntilServingAsync(probe, projectId, timeout, cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>Like <see cref="StartAsync"/>, but returns as soon as the process runs (to kill it while it starts).</summary>
    public static ServerProcess Launch(ServerOptions options, int port, string workDirectory)
    {
        var configPath = Path.Combine(workDirectory, "server.json");
        File.WriteAllText(configPath, JsonSerializer.Serialize(new { Server = options }));
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "aquila.dll"));
        start.ArgumentList.Add("server");
        start.ArgumentList.Add("--config");
        start.ArgumentList.Add(configPath);
        start.ArgumentList.Add(FormattableString.Invariant($"--Server:Port={port}"));
        start.Environment["NO_COLOR"] = "1";

        var process = new Process { StartInfo = start };
        var server = new ServerProcess(process, new Uri(FormattableString.Invariant($"https://127.0.0.1:{port}")));
        process.OutputDataReceived += (_, e) => server.Append(e.Data);
        process.ErrorDataReceived += (_, e) => server.Append(e.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return server;
    }

    /// <summary>SIGKILL, then waits until the process is gone.</summary>
    public void Kill()
    {
        if (!HasExited())
        {
            _process.Kill(entireProcessTree: false);
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
    }

    private bool HasExited()
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

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.Append(line).Append('\n');
        }
    }

    private async Task WaitUntilServingAsync(NodeIdentity probe, string projectId, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var channel = AquilaChannel.Create(Address, probe);
        var client = new Protocol.V1.Matching.MatchingClient(channel);
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (HasExited())
            {
                throw new InvalidOperationException(
                    $"The server process exited with code {_process.ExitCode} before it served a call. Its output:\n{Output}");
            }

            try
            {
                await client.GetProjectAsync(new GetProjectRequest { ProjectId = projectId },
                    deadline: DateTime.UtcNow.AddSeconds(2), cancellationToken: cancellationToken);
                return;
            }
            catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.DeadlineExceeded or StatusCode.Internal)
            {
                if (deadline.Elapsed > timeout)
                {
                    throw new TimeoutException(
                        $"The server did not answer within {timeout.TotalSeconds:F0} s ({e.StatusCode}). Its output:\n{Output}");
                }

                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
