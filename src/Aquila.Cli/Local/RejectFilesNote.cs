namespace Aquila.Cli.Local;

/// <summary>The line under a per-party table with a "rejected" column: where the reasons for those records are.</summary>
internal static class RejectFilesNote
{
    /// <param name="keptFolder">The run's folder when it is kept (each party's reject file is under nodes/PARTY/), or null.</param>
    /// <param name="keepOption">The option that keeps it (--keep, --data-dir).</param>
    public static string For(string? keptFolder, string keepOption) =>
        keptFolder is null
            ? $"rejected: records that could not be tokenised; run with {keepOption} DIR to keep each party's reject file "
              + "(DIR/nodes/PARTY/*.rejects.csv: line, record id, field and reason)."
            : $"rejected: the line, record id, field and reason of each are in {Path.Combine(keptFolder, "nodes")}/PARTY/*.rejects.csv.";
}
