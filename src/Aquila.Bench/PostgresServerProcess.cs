using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using Npgsql;

namespace Aquila.Bench;

/// <summary>
/// A throw-away PostgreSQL cluster for the baseline: <c>initdb</c> into a fresh temporary folder, <c>postgres</c> on a free
/// loopback port with the durable parameters of <see cref="Parameters"/> pinned on the command line, stopped (fast shutdown,
/// then kill) and deleted on dispose. PostgreSQL refuses to run as root, so as root the tools run as the <c>postgres</c>
/// user through <c>runuser</c> and the folder is handed to that user.
/// </summary>
internal sealed class PostgresServerProcess : IDisposable
{
    private const string ServiceUser = "postgres";
    private const int LogLinesKept = 20;
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly string _binDirectory;
    private readonly ConcurrentQueue<string> _log;
    private int _postmasterId;

    private PostgresServerProcess(Process process, string binDirectory, string directory, int port, ConcurrentQueue<string> log)
    {
        _process = process;
        _binDirectory = binDirectory;
        Directory = directory;
        Port = port;
        _log = log;
    }

    /// <summary>The server parameters every run pins: durable like Aquila (fsync per commit), WAL kept minimal, no replication.</summary>
    public static IReadOnlyList<string> Parameters { get; } =
    [
        "fsync=on", "synchronous_commit=on", "full_page_writes=on", "wal_level=minimal", "max_wal_senders=0",
        "shared_buffers=256MB", "max_wal_size=4GB", "checkpoint_timeout=30min",
    ];

    /// <summary>The temporary folder holding the cluster and its socket; gone after <see cref="Dispose"/>.</summary>
    public string Directory { get; }

    public int Port { get; }

    /// <summary>The postmaster's process id (its backends are its children).</summary>
    public int PostmasterId => _postmasterId;

    /// <summary>The server's version line, e.g. "PostgreSQL 15.18".</summary>
    public string Version { get; private set; } = "PostgreSQL";

    private string DataDirectory => Path.Combine(Directory, "data");

    private static bool AsServiceUser => Environment.IsPrivilegedProcess;

    /// <summary>
    /// The folder with <c>initdb</c> and <c>postgres</c>: <paramref name="explicitDirectory"/> when given (it must hold both),
    /// else <c>pg_config --bindir</c>, else the newest /usr/lib/postgresql/*/bin, else the folder of <c>initdb</c> on PATH; null
    /// when none is found.
    /// </summary>
    /// <exception cref="LoadSetupException">The given folder lacks initdb or postgres.</exception>
    public static string? FindBinDirectory(string? explicitDirectory)
    {
        if (explicitDirectory is not null)
        {
            return HasServerTools(explicitDirectory)
                ? Path.GetFullPath(explicitDirectory)
                : throw new LoadSetupException(
                    $"--postgres-bin {explicitDirectory} does not hold the PostgreSQL server tools (initdb, postgres and pg_ctl); "
                    + "give the folder `pg_config --bindir` prints.");
        }

        if (RunForOutput("pg_config", "--bindir") is { } fromConfig && HasServerTools(fromConfig))
        {
            return fromConfig;
        }

        if (NewestDebianBinDirectory() is { } debian)
        {
            return debian;
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var initdb = Path.Combine(folder, "initdb");
            if (folder.Length > 0 && File.Exists(initdb))
            {
                // Debian links initdb into /usr/bin or /usr/local/bin; postgres itself stays next to the link's target.
                var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
                var candidate = Path.GetDirectoryName(target);
                if (candidate is not null && HasServerTools(candidate))
                {
                    return candidate;
                }
            }
        }

        return null;
    }

    /// <summary>Creates a cluster in a fresh temporary folder and starts it; throws with the tail of the server log when it does not come up.</summary>
    public static async Task<PostgresServerProcess> StartAsync(string binDirectory, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "aquila-pg-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Path.Combine(directory, "socket"));
        try
        {
            if (AsServiceUser)
            {
                RunTool(new ProcessStartInfo("chown", ["-R", ServiceUser + ":", directory]), "handing the cluster folder to the postgres user (chown)");
            }

            var initdb = Path.Combine(binDirectory, "initdb");
            RunTool(StartInfo(initdb, ["-D", Path.Combine(directory, "data"), "--auth=trust", "--encoding=UTF8", "--locale=C", "--username=" + ServiceUser,
                "--no-sync", "--no-instructions"]), "initdb");
        }
        catch
        {
            System.IO.Directory.Delete(directory, recursive: true);
            throw;
        }

        var port = LoopbackPort.Free();
        var arguments = new List<string>
        {
            "-D", Path.Combine(directory, "data"), "-p", port.ToString(CultureInfo.InvariantCulture), "-k", Path.Combine(directory, "socket"),
            "-c", "listen_addresses=127.0.0.1",
        };
        foreach (var parameter in Parameters)
        {
            arguments.Add("-c");
            arguments.Add(parameter);
        }

        var log = new ConcurrentQueue<string>();
        var process = Process.Start(StartInfo(Path.Combine(binDirectory, "postgres"), arguments))
            ?? throw new InvalidOperationException("postgres did not start.");
        process.OutputDataReceived += (_, e) => Keep(log, e.Data);
        process.ErrorDataReceived += (_, e) => Keep(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new PostgresServerProcess(process, binDirectory, directory, port, log);
        try
        {
            await server.WaitUntilReadyAsync(cancellationToken);
            return server;
        }
        catch
        {
            server.Dispose();
            throw;
        }
    }

    /// <summary>An open connection to the cluster's <c>postgres</c> database (no pooling, no command timeout).</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new NpgsqlConnection(ConnectionString());
        try
        {
            await connection.OpenAsync(cancellationToken);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// User + system CPU seconds of the postmaster and all its backends and workers so far: the postmaster's own time,
    /// the children it has reaped (cutime, cstime) and the children alive now. Linux only; 0 elsewhere.
    /// </summary>
    public double CpuSeconds()
    {
        if (!OperatingSystem.IsLinux() || _postmasterId == 0)
        {
            return 0;
        }

        long ticks = 0;
        if (ReadStat(_postmasterId) is { } postmaster)
        {
            ticks += postmaster.Own + postmaster.Reaped;
        }

        foreach (var folder in System.IO.Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                && ReadStat(id) is { } child && child.ParentId == _postmasterId)
            {
                ticks += child.Own;
            }
        }

        return ticks / 100.0; // USER_HZ is 100 on Linux
    }

    /// <summary>The last lines the server wrote (startup, errors); no tokens are ever in them.</summary>
    public string LogTail() => string.Join(Environment.NewLine, _log);

    /// <summary>Fast shutdown (pg_ctl stop -m fast), then kill whatever is left, then delete the folder.</summary>
    public void Dispose()
    {
        if (_postmasterId != 0 && IsAlive(_postmasterId))
        {
            try
            {
                RunTool(StartInfo(Path.Combine(_binDirectory, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "fast", "-w", "-t", "30"]), "pg_ctl stop");
            }
            catch (InvalidOperationException)
            {
                // Killed below.
            }
        }

        if (_postmasterId != 0 && IsAlive(_postmasterId))
        {
            KillTree(_postmasterId);
        }

        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.WaitForExit(10_000);
        _process.Dispose();
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }

    private string ConnectionString() => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = ServiceUser,
        Database = "postgres",
        Pooling = false,
        Timeout = 15,
        CommandTimeout = 0,
    }.ConnectionString;

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout && !_process.HasExited)
        {
            try
            {
                await using var connection = await OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand("SHOW server_version", connection);
                Version = "PostgreSQL " + await command.ExecuteScalarAsync(cancellationToken);
                _postmasterId = ReadPostmasterId();
                return;
            }
            catch (NpgsqlException)
            {
                await Task.Delay(100, cancellationToken);
            }
        }

        throw new InvalidOperationException(
            $"postgres did not accept connections on 127.0.0.1:{Port} within {ReadyTimeout.TotalSeconds:F0} s{(_process.HasExited ? " (it exited)" : "")}. "
            + $"Server log:{Environment.NewLine}{LogTail()}");
    }

    // As root the started process is runuser; the postmaster writes its own id on the first line of postmaster.pid.
    private int ReadPostmasterId()
    {
        var path = Path.Combine(DataDirectory, "postmaster.pid");
        return File.Exists(path) && int.TryParse(File.ReadLines(path).FirstOrDefault(), CultureInfo.InvariantCulture, out var id) ? id : _process.Id;
    }

    private static void Keep(ConcurrentQueue<string> log, string? line)
    {
        if (line is null)
        {
            return;
        }

        log.Enqueue(line);
        while (log.Count > LogLinesKept)
        {
            log.TryDequeue(out _);
        }
    }

    private static ProcessStartInfo StartInfo(string tool, IEnumerable<string> arguments)
    {
        var info = new ProcessStartInfo(AsServiceUser ? "runuser" : tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetTempPath(),
        };
        if (AsServiceUser)
        {
            foreach (var prefix in new[] { "-u", ServiceUser, "--", tool })
            {
                info.ArgumentList.Add(prefix);
            }
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    // Runs a tool to completion; throws with the tail of its output when it fails.
    private static void RunTool(ProcessStartInfo info, string what)
    {
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{what} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{what} did not finish within 60 s.");
        }

        if (process.ExitCode != 0)
        {
            var text = (output.Result + errors.Result).Trim();
            var tail = text.Length > 2000 ? text[^2000..] : text;
            throw new InvalidOperationException($"{what} failed with exit code {process.ExitCode}: {tail}");
        }
    }

    private static string? RunForOutput(string tool, string argument)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(tool, argument) { RedirectStandardOutput = true, RedirectStandardError = true });
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            process.WaitForExit(10_000);
            return process.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null; // not installed
        }
    }

    private static string? NewestDebianBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        if (!System.IO.Directory.Exists(root))
        {
            return null;
        }

        string? newest = null;
        var newestVersion = -1.0;
        foreach (var folder in System.IO.Directory.EnumerateDirectories(root))
        {
            var bin = Path.Combine(folder, "bin");
            if (double.TryParse(Path.GetFileName(folder), NumberStyles.Float, CultureInfo.InvariantCulture, out var version)
                && version > newestVersion && HasServerTools(bin))
            {
                newest = bin;
                newestVersion = version;
            }
        }

        return newest;
    }

    private static bool HasServerTools(string folder) =>
        File.Exists(Path.Combine(folder, "initdb")) && File.Exists(Path.Combine(folder, "postgres")) && File.Exists(Path.Combine(folder, "pg_ctl"));

    private static bool IsAlive(int processId) => File.Exists($"/proc/{processId}/stat") && ReadStat(processId) is { State: not 'Z' };

    private static void KillTree(int processId)
    {
        try
        {
            using var postmaster = Process.GetProcessById(processId);
            postmaster.Kill(entireProcessTree: true);
            postmaster.WaitForExit(10_000);
        }
        catch (ArgumentException)
        {
            // Already gone.
        }
    }

    // Fields after the command name (which may hold spaces): state, ppid, ... utime, stime, cutime, cstime (14 to 17 of stat).
    private static ProcessStat? ReadStat(int processId)
    {
        string stat;
        try
        {
            stat = File.ReadAllText($"/proc/{processId}/stat");
        }
        catch (IOException)
        {
            return null; // exited meanwhile
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }

        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        var inv = CultureInfo.InvariantCulture;
        return new ProcessStat(fields[0][0], int.Parse(fields[1], inv), long.Parse(fields[11], inv) + long.Parse(fields[12], inv),
            long.Parse(fields[13], inv) + long.Parse(fields[14], inv));
    }

    private readonly record struct ProcessStat(char State, int ParentId, long Own, long Reaped);
}
