namespace Aquila.Matching.Storage;

/// <summary>
/// The log is damaged where a crash cannot explain it (inside a segment that is not the last, a missing segment, a
/// record that fails authentication). Recovery stops rather than silently drop acknowledged records.
/// </summary>
public sealed class WalCorruptionException : IOException
{
    /// <summary>Creates the exception for <paramref name="fileName"/> at byte <paramref name="offset"/>.</summary>
    public WalCorruptionException(string fileName, long offset, string problem)
        : base($"Write-ahead log file '{fileName}' {problem} at byte offset {offset}. The log cannot be recovered automatically; "
            + "restore the project directory from a backup or resubmit the project's batches.")
    {
        FileName = fileName;
        Offset = offset;
    }

    /// <summary>The name of the damaged segment or snapshot file.</summary>
    public string FileName { get; }

    /// <summary>The byte offset of the damage in that file.</summary>
    public long Offset { get; }
}
