namespace Aquila.Matching.Storage;

/// <summary>
/// The file operations the write-ahead log needs, behind an interface so that crash tests can drop everything
/// that was not made durable (the fault-injecting file system of tests/Aquila.Testing); production uses <see cref="PhysicalFileSystem"/>.
/// </summary>
/// <remarks>
/// Durability contract: bytes written to a file survive a power cut only after <see cref="IStorageFile.FlushToDisk"/>;
/// a created, renamed or deleted directory entry survives only after <see cref="FlushDirectory"/> on its directory.
/// All paths are absolute or relative to the current directory; implementations are thread-safe.
/// </remarks>
public interface IFileSystem
{
    /// <summary>Creates a directory (and its parents) if it does not exist yet.</summary>
    void CreateDirectory(string path);

    /// <summary>Creates a file for reading and writing, replacing (truncating) an existing file of that name.</summary>
    IStorageFile CreateFile(string path);

    /// <summary>Opens an existing file; <paramref name="writable"/> false opens it for reading only.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    IStorageFile OpenFile(string path, bool writable);

    /// <summary>True when a file of that path exists.</summary>
    bool FileExists(string path);

    /// <summary>Deletes a file; open handles keep working until they are disposed.</summary>
    void DeleteFile(string path);

    /// <summary>Renames a file, atomically replacing the destination if it exists.</summary>
    void RenameFile(string sourcePath, string destinationPath);

    /// <summary>The names (not paths) of the files directly inside a directory, in no particular order.</summary>
    IReadOnlyList<string> ListFiles(string directory);

    /// <summary>Makes the directory's entries (created, renamed and deleted files) durable: fsync on the directory.</summary>
    void FlushDirectory(string directory);
}
