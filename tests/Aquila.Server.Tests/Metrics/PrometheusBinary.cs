using System.Diagnostics;

namespace Aquila.Server.Tests.Metrics;

/// <summary>
/// Finds /usr/bin/prometheus (Debian's package); when missing, runs deploy/install-prometheus.sh once. If it is still missing
/// the tests that need it are skipped with the reason, unless AQUILA_REQUIRE_PROMETHEUS=1 (CI), where they fail.
/// </summary>
public static class PrometheusBinary
{
    private static readonly Lazy<(string? Path, string? Problem)> Found = new(Locate);

    public static string? Path => Found.Value.Path;

    /// <summary>Why the Prometheus tests cannot run here, or null.</summary>
    public static string? Problem => Found.Value.Problem;

    public static bool Required => Environment.GetEnvironmentVariable("AQUILA_REQUIRE_PROMETHEUS") == "1";

    /// <summary>Skips the running test when Prometheus is missing; fails it instead with AQUILA_REQUIRE_PROMETHEUS=1.</summary>
    public static void Require()
    {
        if (Problem is null)
        {
            return;
        }

        if (Required)
        {
            Assert.Fail("AQUILA_REQUIRE_PROMETHEUS=1 but " + Problem);
        }

        Assert.Skip(Problem);
    }

    private static (string?, string?) Locate()
    {
        var path = Find();
        if (path is null)
        {
            var script = System.IO.Path.Combine(RepositoryFiles.Root, "deploy", "install-prometheus.sh");
            if (File.Exists(script))
            {
                using var install = Process.Start(new ProcessStartInfo("bash", [script]) { UseShellExecute = false });
                install?.WaitForExit(TimeSpan.FromMinutes(3));
            }

            path = Find();
        }

        return path is null
            ? (null, "prometheus is not installed and deploy/install-prometheus.sh could not install it (needs root and apt-get).")
            : (path, null);
    }

    private static string? Find()
    {
        foreach (var directory in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator).Append("/usr/bin"))
        {
            var candidate = System.IO.Path.Combine(directory, "prometheus");
            if (directory.Length > 0 && File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
