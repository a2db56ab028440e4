using System.Text;
using Aquila.Matching.Storage;

namespace Aquila.Matching.Redis;

/// <summary>
/// The id of the last Redis log entry this instance applied, kept next to its local write-ahead log. Written after the
/// entries are applied (replaced by rename, not flushed): a lost or older position only makes the follower apply some
/// entries again, which the matcher answers as resends.
/// </summary>
internal sealed class RedisLogPosition(IFileSystem files, string directory)
{
    /// <summary>The position before the first entry.</summary>
    public const string Start = "0-0";

    private const string Name = "log-position";
    private const string Magic = "aquila-redis-log-position-v1\n";

    private string Path => System.IO.Path.Combine(directory, Name);

    /// <summary>The stored position, or <see cref="Start"/> when there is none (or it is unreadable).</summary>
    public string Read()
    {
        if (!files.FileExists(Path))
        {
            return Start;
        }

        using var file = files.OpenFile(Path, writable: false);
        var bytes = new byte[(int)Math.Min(file.Length, 256)];
        var read = file.Read(0, bytes);
        var text = Encoding.ASCII.GetString(bytes, 0, read);
        if (!text.StartsWith(Magic, StringComparison.Ordinal))
        {
            return Start;
        }

        var id = EntryIdOrEmpty(text[Magic.Length..].TrimEnd('\n'));
        return id.Length > 0 ? id : Start;
    }

    /// <summary>Replaces the stored position.</summary>
    public void Write(string entryId)
    {
        var temporary = Path + ".tmp";
        using (var file = files.CreateFile(temporary))
        {
            file.Write(0, Encoding.ASCII.GetBytes(Magic + entryId + "\n"));
        }

        files.RenameFile(temporary, Path);
    }

    /// <summary>Deletes the stored position (the project was purged).</summary>
    public void Delete()
    {
        if (files.FileExists(Path))
        {
            files.DeleteFile(Path);
        }
    }

    // A stream entry id is <ms>-<seq>; anything else is treated as no position.
    private static string EntryIdOrEmpty(string text)
    {
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        return dash > 0 && ulong.TryParse(text.AsSpan(0, dash), out _) && ulong.TryParse(text.AsSpan(dash + 1), out _) ? text : "";
    }
}
