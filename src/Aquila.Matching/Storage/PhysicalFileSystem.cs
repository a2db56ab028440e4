namespace Aquila.Matching.Storage;

/// <summary>The real file system: <see cref="RandomAccess"/> on file handles, directory fsync through libc.</summary>
public sealed class PhysicalFileSystem : IFileSystem
{
    /// <summary>The shared instance; the type holds no state.</summary>
    public static PhysicalFileSystem Instance { get; } = new();

    // FileShare.Delete lets a reader keep a segment open while a snapshot deletes it.
    private const FileShare Sharing = FileShare.ReadWrite | FileShare.Delete;

    /// <inheritdoc />
    public void CreateDirectory(string path) => Directory.CreateDirectory(path);

    /// <inheritdoc />
    public IStorageFile CreateFile(string path) =>
        new PhysicalStorageFile(File.OpenHandle(path, FileMode.Create, FileAccess.ReadWrite, Sharing));

    /// <inheritdoc />
    public IStorageFile OpenFile(string path, bool writable) =>
        new PhysicalStorageFile(File.OpenHandle(
            path, FileMode.Open, writable ? FileAccess.ReadWrite : FileAccess.Read, Sharing));

    /// <inheritdoc />
    public bool FileExists(string path) => File.Exists(path);

    /// <inheritdoc />
    public void DeleteFile(string path) => File.Delete(path);

    /// <inheritdoc />
    public void RenameFile(string sourcePath, string destinationPath) => File.Move(sourcePath, destinationPath, overwrite: true);

    /// <inheritdoc />
    public IReadOnlyList<string> ListFiles(string directory)
    {
        var names = new List<string>();
        foreach (var path in Directory.EnumerateFiles(directory))
        {
            names.Add(Path.GetFileName(path));
        }

        return names;
    }

    /// <inheritdoc />
    public void FlushDirectory(string directory) => DirectorySync.Flush(directory);
}
