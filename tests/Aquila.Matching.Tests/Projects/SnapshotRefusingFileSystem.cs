using Aquila.Matching.Storage;

namespace Aquila.Matching.Tests.Projects;

/// <summary>Passes everything to another file system but, while <see cref="Refuse"/> is set, cannot create snapshot files (disk full).</summary>
internal sealed class SnapshotRefusingFileSystem(IFileSystem inner) : IFileSystem
{
    public bool Refuse { get; set; } = true;

    public IStorageFile CreateFile(string path) =>
        Refuse && path.EndsWith(".snap.tmp", StringComparison.Ordinal) ? throw new IOException("No space left on device (test).") : inner.CreateFile(path);

    public void CreateDirectory(string path) => inner.CreateDirectory(path);

    public IStorageFile OpenFile(string path, bool writable) => inner.OpenFile(path, writable);

    public bool FileExists(string path) => inner.FileExists(path);

    public void DeleteFile(string path) => inner.DeleteFile(path);

    public void RenameFile(string sourcePath, string destinationPath) => inner.RenameFile(sourcePath, destinationPath);

    public IReadOnlyList<string> ListFiles(string directory) => inner.ListFiles(directory);

    public void FlushDirectory(string directory) => inner.FlushDirectory(directory);
}
