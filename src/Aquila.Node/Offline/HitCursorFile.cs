using System.Globalization;

namespace Aquila.Node.Offline;

/// <summary>
/// The last hit sequence a node has shown for a project, kept in its certificate directory
/// (<c>hits-cursor.&lt;project&gt;.txt</c>), so a later hits file continues where the last one ended.
/// </summary>
public sealed class HitCursorFile(string certificateDirectory, string projectId)
{
    /// <summary>Where the cursor is kept.</summary>
    public string Path { get; } = System.IO.Path.Combine(certificateDirectory, "hits-cursor." + projectId + ".txt");

    /// <summary>The stored sequence, 0 when there is none.</summary>
    public long Read() =>
        File.Exists(Path) && long.TryParse(File.ReadAllText(Path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var sequence)
            ? sequence
            : 0;

    /// <summary>Stores <paramref name="sequence"/> (atomically, and never backwards).</summary>
    public void Write(long sequence)
    {
        if (sequence <= Read())
        {
            return;
        }

        var temporary = Path + ".tmp";
        File.WriteAllText(temporary, sequence.ToString(CultureInfo.InvariantCulture) + "\n");
        File.Move(temporary, Path, overwrite: true);
    }
}
