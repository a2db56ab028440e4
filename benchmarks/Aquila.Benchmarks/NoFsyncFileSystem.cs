using Aquila.Matching.Storage;

namespace Aquila.Benchmarks;

/// <summary>The real file system with every flush to disk skipped: the write-ahead log's cost without fsync.</summary>
internal sealed class NoFsyncFileSystem : IFileSystem
{
    private readonly IFileSystem _inner = PhysicalFileSystem.Instance;

    public void CreateDirectory(string path) => _inner.CreateDirectory(path);

    public IStorageFile CreateFile(string path) => new NoFsyncFile(_inner.CreateFile(path));

    public IStorageFile OpenFile(string path, bool writable) => new NoFsyncFile(_inner.OpenFile(path, writable));

    public bool FileExists(string path) => _inner.FileExists(path);

    public void DeleteFile(string path) => _inner.DeleteFile(path);

    public void RenameFile(string sourcePath, string destinationPath) => _inner.RenameFile(sourcePath, destinationPath);

    public IReadOnlyList<string> ListFiles(string directory) => _inner.ListFiles(directory);

    public void FlushDirectory(string directory)
    {
        // Skipped on purpose.
    }

    private sealed class NoFsyncFile(IStorageFile inner) : IStorageFile
    {
        public long Length => inner.Length;

        public int Read(long offset, Span<byte> destination) => inner.Read(offset, destination);

        public void Write(long offset, ReadOnlySpan<byte> source) => inner.Write(offset, source);

        public void SetLength(long length) => inner.SetLength(length);

        public void FlushToDisk()
        {
            // Skipped on purpose.
        }

        public void Dispose() => inner.Dispose();
    }
}
