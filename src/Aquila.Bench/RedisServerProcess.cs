using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Aquila.Bench;

/// <summary>
/// A redis-server child process on a free loopback port with its own temporary directory, AOF on with the given
/// <c>appendfsync</c> mode, RDB snapshots and AOF rewrites off so nothing but the measured work touches the disk.
/// </summary>
internal sealed class RedisServerProcess : IDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private RedisServerProcess(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>The redis-server on PATH, or null.</summary>
    public static string? Find(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? explicitPath : null;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var candidate = Path.Combine(folder, "redis-server");
            if (folder.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    public static Task<RedisServerProcess> StartAsync(string executable, string directory, string appendFsync, CancellationToken cancellationToken) =>
        StartAsync(executable, directory, appendFsync, clusterEnabled: false, cancellationToken);

    /// <summary>Starts redis-server; with <paramref name="clusterEnabled"/> as a Cluster node (its bus port, port + 10000, is free too).</summary>
    public static async Task<RedisServerProcess> StartAsync(string executable, string directory, string appendFsync, bool clusterEnabled,
        CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(directory);
        var port = FreePort(clusterEnabled);
        var start = new ProcessStartInfo(executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--port", port.ToString(CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--dir", directory,
            "--appendonly", "yes", "--appendfsync", appendFsync, "--save", "", "--auto-aof-rewrite-percentage", "0",
            "--protected-mode", "no", "--daemonize", "no", "--loglevel", "warning",
            "--cluster-enabled", clusterEnabled ? "yes" : "no", "--cluster-config-file", "nodes.conf", "--cluster-node-timeout", "2000",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("redis-server did not start.");
        process.OutputDataReceived += static (_, _) => { };
        process.ErrorDataReceived += static (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new RedisServerProcess(process, directory, port);
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(10))
        {
            if (process.HasExited)
            {
                break;
            }

            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                return server;
            }
            catch (SocketException)
            {
                await Task.Delay(50, cancellationToken);
            }
        }

        server.Dispose();
        throw new InvalidOperationException($"redis-server did not listen on port {port} within 10 s.");
    }

    /// <summary>Resident memory of the redis-server process (VmRSS), in bytes.</summary>
    public long ResidentBytes()
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
            {
                var kb = line["VmRSS:".Length..].Trim().Split(' ')[0];
                return long.Parse(kb, CultureInfo.InvariantCulture) * 1024;
            }
        }

        return 0;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }
    }

    // A Cluster node also listens on port + 10000 (its bus).
    private static int FreePort(bool clusterEnabled)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            var port = LoopbackPort.Free();
            if (!clusterEnabled || (port + 10000 <= 65535 && LoopbackPort.IsFree(port + 10000)))
            {
                return port;
            }
        }

        throw new InvalidOperationException("No free loopback port pair (port and port + 10000) for a Redis Cluster node.");
    }
}
