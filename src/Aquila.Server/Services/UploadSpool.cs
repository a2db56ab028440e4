namespace Aquila.Server.Services;

/// <summary>
/// Where uploads are written while they arrive: one file per upload in a folder of the data directory, deleted when
/// its stream is closed (whether the batch was applied, refused or abandoned). Files a crash left behind are removed
/// when the server starts. Written through the page cache without fsync: the batch is made durable by the WAL only
/// once it is complete and checked.
/// </summary>
internal sealed class UploadSpool
{
    private const string Extension = ".upload";

    public UploadSpool(string directory)
    {
        Directory = directory;
        System.IO.Directory.CreateDirectory(directory);
        foreach (var leftOver in System.IO.Directory.EnumerateFiles(directory, "*" + Extension))
        {
            File.Delete(leftOver);
        }
    }

    /// <summary>The spool folder.</summary>
    public string Directory { get; }

    /// <summary>Spool files present now (uploads in progress; for tests).</summary>
    public int FileCount => System.IO.Directory.GetFiles(Directory, "*" + Extension).Length;

    /// <summary>
    /// A new, empty spool file, deleted when the stream is disposed. Unbuffered: chunks (about 1 MiB) go straight to the
    /// file, so a failed write (a full disk) surfaces at the write, never later in a flush on dispose; readers add
    /// their own buffer.
    /// </summary>
    public FileStream Create() =>
        new(Path.Combine(Directory, Guid.NewGuid().ToString("N") + Extension), FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None,
            0, FileOptions.DeleteOnClose);
}
