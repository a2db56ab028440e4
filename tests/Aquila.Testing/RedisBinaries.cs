using System.Diagnostics;

namespace Aquila.Testing;

/// <summary>
/// Finds redis-server and redis-cli; when missing, runs deploy/install-redis.sh once. If they are still missing the Redis
/// tests are skipped with the reason, unless AQUILA_REQUIRE_REDIS=1 (CI), where they fail.
/// </summary>
public static class RedisBinaries
{
    private static readonly Lazy<(string? Server, string? Cli, string? Problem)> Found = new(Locate);

    public static string? Server => Found.Value.Server;

    public static string? Cli => Found.Value.Cli;

    /// <summary>Why Redis tests cannot run here, or null.</summary>
    public static string? Problem => Found.Value.Problem;

    public static bool Required => Environment.GetEnvironmentVariable("AQUILA_REQUIRE_REDIS") == "1";

    /// <summary>Skips the running test when <paramref name="problem"/> is set; fails it instead with AQUILA_REQUIRE_REDIS=1.</summary>
    public static void Require(string? problem)
    {
        if (problem is null)
        {
            return;
        }

        if (Required)
        {
            Assert.Fail("AQUILA_REQUIRE_REDIS=1 but " + problem);
        }

        Assert.Skip(problem);
    }

    private static (string?, string?, string?) Locate()
    {
        var server = Find("redis-server");
        var cli = Find("redis-cli");
        if (server is null || cli is null)
        {
            var script = Path.Combine(RepositoryFiles.Root, "deploy", "install-redis.sh");
            if (File.Exists(script))
            {
                using var install = Process.Start(new ProcessStartInfo("bash", [script]) { UseShellExecute = false });
                install?.WaitForExit(TimeSpan.FromMinutes(3));
            }

            server = Find("redis-server");
            cli = Find("redis-cli");
        }

        return server is null || cli is null
            ? (server, cli, "redis-server and redis-cli are not installed and deploy/install-redis.sh could not install them (needs root and apt-get).")
            : (server, cli, null);
    }

    private static string? Find(string name)
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Append("/usr/bin").Append("/usr/local/bin"))
        {
            var path = Path.Combine(directory, name);
            if (File.Exists(path))
            {
                return path;
            }
        }

        return null;
    }
}
