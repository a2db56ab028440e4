namespace Aquila.Bench.Tests.Postgres;

/// <summary>
/// Finds the PostgreSQL server tools (initdb, postgres, pg_ctl). When they are missing the PostgreSQL tests are skipped with
/// the reason, unless AQUILA_REQUIRE_POSTGRES=1 (CI), where they fail.
/// </summary>
public static class PostgresBinaries
{
    private static readonly Lazy<string?> Found = new(Locate);

    /// <summary>The folder holding initdb, postgres and pg_ctl, or null.</summary>
    public static string? Directory => Found.Value;

    /// <summary>Why PostgreSQL tests cannot run here, or null.</summary>
    public static string? Problem => Found.Value is null
        ? "the PostgreSQL server tools (initdb, postgres, pg_ctl) are not installed (apt-get install postgresql)."
        : null;

    public static bool Required => Environment.GetEnvironmentVariable("AQUILA_REQUIRE_POSTGRES") == "1";

    /// <summary>Skips the running test when PostgreSQL is missing; fails it instead with AQUILA_REQUIRE_POSTGRES=1.</summary>
    public static void Require()
    {
        if (Problem is null)
        {
            return;
        }

        if (Required)
        {
            Assert.Fail("AQUILA_REQUIRE_POSTGRES=1 but " + Problem);
        }

        Assert.Skip(Problem);
    }

    // Debian keeps the server tools in /usr/lib/postgresql/VERSION/bin (only a few are linked onto PATH); else PATH.
    private static string? Locate()
    {
        var candidates = new List<string>();
        if (System.IO.Directory.Exists("/usr/lib/postgresql"))
        {
            var versions = System.IO.Directory.GetDirectories("/usr/lib/postgresql");
            Array.Sort(versions, static (a, b) => VersionOf(b).CompareTo(VersionOf(a)));
            foreach (var version in versions)
            {
                candidates.Add(Path.Combine(version, "bin"));
            }
        }

        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            var initdb = Path.Combine(folder, "initdb");
            if (folder.Length > 0 && File.Exists(initdb))
            {
                var target = new FileInfo(initdb).ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? initdb;
                candidates.Add(Path.GetDirectoryName(target) ?? folder);
            }
        }

        foreach (var candidate in candidates)
        {
            if (File.Exists(Path.Combine(candidate, "initdb")) && File.Exists(Path.Combine(candidate, "postgres"))
                && File.Exists(Path.Combine(candidate, "pg_ctl")))
            {
                return candidate;
            }
        }

        return null;
    }

    private static double VersionOf(string folder) =>
        double.TryParse(Path.GetFileName(folder), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture,
            out var version) ? version : 0;
}
