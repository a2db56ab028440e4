using Aquila.Matching.Storage;

namespace Aquila.Testing;

/// <summary>An open handle on an <see cref="InMemoryInode"/>; it stops working at a simulated power cut.</summary>
internal sealed class InMemoryStorageFile(FaultInjectingFileSystem fileSystem, InMemoryInode inode, bool writable, int generation)
    : IStorageFile
{
    private bool _disposed;

    public long Length => fileSystem.Run(this, () => inode.Length);

    public int Read(long offset, Span<byte> destination)
    {
        lock (fileSystem.SyncRoot)
        {
            fileSystem.CheckHandle(this);
            return inode.Read(offset, destination);
        }
    }

    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        lock (fileSystem.SyncRoot)
        {
            fileSystem.CheckWritable(this);
            fileSystem.BeforeWrite(inode, offset, source);
            inode.Write(offset, source);
        }
    }

    public void SetLength(long length) => fileSystem.Run(this, () =>
    {
        fileSystem.CheckWritable(this);
        inode.SetLength(length);
        return 0;
    });

    public void FlushToDisk() => fileSystem.Flush(this, inode);

    public void Dispose() => _disposed = true;

    internal bool Writable => writable;

    internal int Generation => generation;

    internal bool IsDisposed => _disposed;
}
