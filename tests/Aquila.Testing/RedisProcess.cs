using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Aquila.Testing;

/// <summary>One redis-server child process on a loopback port, in its own directory, with appendfsync always.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly Process _process;

    private RedisProcess(Process process, int port, string directory)
    {
        _process = process;
        Port = port;
        Directory = directory;
    }

    public int Port { get; }

    public string Directory { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    public static async Task<RedisProcess> StartAsync(string redisServer, string directory, bool cluster, int port = 0)
    {
        System.IO.Directory.CreateDirectory(directory);
        port = port == 0 ? (cluster ? LoopbackPorts.TakeWithClusterBus() : LoopbackPorts.Take()) : port;
        var info = new ProcessStartInfo(redisServer)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = directory,
        };
        foreach (var argument in new[]
        {
            "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--appendonly", "yes", "--appendfsync", "always", "--save", "", "--protected-mode", "no", "--daemonize", "no",
            "--cluster-enabled", cluster ? "yes" : "no", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000",
        })
        {
            info.ArgumentList.Add(argument);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var redis = new RedisProcess(process, port, directory);
        await redis.WaitUntilListeningAsync();
        return redis;
    }

    /// <summary>Kills the process (SIGKILL): what is not fsynced is lost, as in a crash.</summary>
    public async ValueTask DisposeAsync()
    {
        await ChildProcesses.KillAsync(_process);
    }

    private async Task WaitUntilListeningAsync()
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"redis-server on port {Port} exited with code {_process.ExitCode} at start.");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(20);
            }
        }

        throw new TimeoutException($"redis-server on port {Port} did not listen within 10 s.");
    }
}
