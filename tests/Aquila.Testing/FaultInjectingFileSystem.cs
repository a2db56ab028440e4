using Aquila.Matching.Storage;

namespace Aquila.Testing;

/// <summary>
/// An in-memory <see cref="IFileSystem"/> that models the page cache, for crash tests: <see cref="SimulatePowerCut"/>
/// drops every byte not flushed with <see cref="IStorageFile.FlushToDisk"/> and every created, renamed or deleted
/// directory entry not followed by <see cref="IFileSystem.FlushDirectory"/>. A SIGKILL cannot show a missing fsync
/// (the kernel still writes the page cache out); this can. It also injects disk-full and read-only failures and counts
/// flushes, so tests can prove that appends are grouped.
/// </summary>
/// <remarks>Directories are durable as soon as they are created. Paths are compared after <see cref="Path.GetFullPath(string)"/>.</remarks>
public sealed class FaultInjectingFileSystem : IFileSystem
{
    private readonly Dictionary<string, InMemoryInode> _entries = new(StringComparer.Ordinal);
    private readonly Dictionary<string, InMemoryInode> _durableEntries = new(StringComparer.Ordinal);
    private readonly HashSet<string> _directories = new(StringComparer.Ordinal);
    private int _generation;
    private int _failingWrites;
    private int _failingFlushes;
    private long _flushCount;
    private long _directoryFlushCount;
    private long _writeCount;

    internal Lock SyncRoot { get; } = new();

    /// <summary>Time each <see cref="IStorageFile.FlushToDisk"/> takes, to model a real disk (an fsync costs ~0.4 ms here).</summary>
    public TimeSpan FlushLatency { get; set; }

    /// <summary>When true every change (write, truncate, create, rename, delete) fails with an <see cref="IOException"/>.</summary>
    public bool IsReadOnly { get; set; }

    /// <summary>How many file flushes (fsync of a file) were made.</summary>
    public long FlushCount => Interlocked.Read(ref _flushCount);

    /// <summary>How many directory flushes were made.</summary>
    public long DirectoryFlushCount => Interlocked.Read(ref _directoryFlushCount);

    /// <summary>How many file writes were made (failed ones included).</summary>
    public long WriteCount => Interlocked.Read(ref _writeCount);

    /// <summary>The next <paramref name="count"/> writes fail as a full disk would: half of the bytes land, then an <see cref="IOException"/>.</summary>
    public void FailNextWrites(int count)
    {
        lock (SyncRoot)
        {
            _failingWrites = count;
        }
    }

    /// <summary>The next <paramref name="count"/> file flushes fail with an <see cref="IOException"/> and make nothing durable.</summary>
    public void FailNextFlushes(int count)
    {
        lock (SyncRoot)
        {
            _failingFlushes = count;
        }
    }

    /// <summary>
    /// Loses everything that was not made durable and invalidates every open handle, as a power cut would. With
    /// <paramref name="tornWrites"/>, each file keeps a random prefix of its unflushed appended bytes (a torn write).
    /// </summary>
    public void SimulatePowerCut(Random? tornWrites = null)
    {
        lock (SyncRoot)
        {
            _generation++;
            _entries.Clear();
            foreach (var (path, inode) in _durableEntries)
            {
                _entries[path] = inode;
            }

            foreach (var inode in _entries.Values)
            {
                inode.LoseUnflushed(tornWrites);
            }

            _failingWrites = 0;
            _failingFlushes = 0;
        }
    }

    /// <summary>Test access: the current (cached) content of a file.</summary>
    public byte[] ReadAllBytes(string path)
    {
        lock (SyncRoot)
        {
            var inode = Find(path);
            var bytes = new byte[inode.Length];
            inode.Read(0, bytes);
            return bytes;
        }
    }

    /// <inheritdoc />
    public void CreateDirectory(string path)
    {
        lock (SyncRoot)
        {
            for (var dir = Path.GetFullPath(path); dir is not null; dir = Path.GetDirectoryName(dir))
            {
                _directories.Add(dir);
            }
        }
    }

    /// <inheritdoc />
    public IStorageFile CreateFile(string path)
    {
        lock (SyncRoot)
        {
            CheckNotReadOnly();
            var fullPath = Path.GetFullPath(path);
            RequireDirectory(fullPath);
            var inode = new InMemoryInode();
            _entries[fullPath] = inode;
            return new InMemoryStorageFile(this, inode, writable: true, _generation);
        }
    }

    /// <inheritdoc />
    public IStorageFile OpenFile(string path, bool writable)
    {
        lock (SyncRoot)
        {
            if (writable)
            {
                CheckNotReadOnly();
            }

            return new InMemoryStorageFile(this, Find(path), writable, _generation);
        }
    }

    /// <inheritdoc />
    public bool FileExists(string path)
    {
        lock (SyncRoot)
        {
            return _entries.ContainsKey(Path.GetFullPath(path));
        }
    }

    /// <inheritdoc />
    public void DeleteFile(string path)
    {
        lock (SyncRoot)
        {
            CheckNotReadOnly();
            _entries.Remove(Path.GetFullPath(path));
        }
    }

    /// <inheritdoc />
    public void RenameFile(string sourcePath, string destinationPath)
    {
        lock (SyncRoot)
        {
            CheckNotReadOnly();
            var inode = Find(sourcePath);
            var destination = Path.GetFullPath(destinationPath);
            RequireDirectory(destination);
            _entries.Remove(Path.GetFullPath(sourcePath));
            _entries[destination] = inode;
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<string> ListFiles(string directory)
    {
        lock (SyncRoot)
        {
            var fullDirectory = Path.GetFullPath(directory);
            if (!_directories.Contains(fullDirectory))
            {
                throw new DirectoryNotFoundException($"Directory '{directory}' does not exist.");
            }

            var names = new List<string>();
            foreach (var path in _entries.Keys)
            {
                if (string.Equals(Path.GetDirectoryName(path), fullDirectory, StringComparison.Ordinal))
                {
                    names.Add(Path.GetFileName(path));
                }
            }

            return names;
        }
    }

    /// <inheritdoc />
    public void FlushDirectory(string directory)
    {
        lock (SyncRoot)
        {
            var fullDirectory = Path.GetFullPath(directory);
            var stale = new List<string>();
            foreach (var path in _durableEntries.Keys)
            {
                if (InDirectory(path, fullDirectory) && !_entries.ContainsKey(path))
                {
                    stale.Add(path);
                }
            }

            foreach (var path in stale)
            {
                _durableEntries.Remove(path);
            }

            foreach (var (path, inode) in _entries)
            {
                if (InDirectory(path, fullDirectory))
                {
                    _durableEntries[path] = inode;
                }
            }

            _directoryFlushCount++;
        }
    }

    internal T Run<T>(InMemoryStorageFile file, Func<T> action)
    {
        lock (SyncRoot)
        {
            CheckHandle(file);
            return action();
        }
    }

    internal void CheckHandle(InMemoryStorageFile file)
    {
        ObjectDisposedException.ThrowIf(file.IsDisposed, file);
        if (file.Generation != _generation)
        {
            throw new IOException("The file handle was lost in a simulated power cut.");
        }
    }

    internal void CheckWritable(InMemoryStorageFile file)
    {
        CheckHandle(file);
        if (!file.Writable)
        {
            throw new UnauthorizedAccessException("The file was opened for reading only.");
        }

        CheckNotReadOnly();
    }

    internal void BeforeWrite(InMemoryInode inode, long offset, ReadOnlySpan<byte> source)
    {
        _writeCount++;
        if (_failingWrites > 0)
        {
            _failingWrites--;
            inode.Write(offset, source[..(source.Length / 2)]);
            throw new IOException("No space left on device (simulated disk full).");
        }
    }

    internal void Flush(InMemoryStorageFile file, InMemoryInode inode)
    {
        if (FlushLatency > TimeSpan.Zero)
        {
            Thread.Sleep(FlushLatency);
        }

        lock (SyncRoot)
        {
            CheckHandle(file);
            _flushCount++;
            if (_failingFlushes > 0)
            {
                _failingFlushes--;
                throw new IOException("Input/output error (simulated fsync failure).");
            }

            inode.FlushToDisk();
        }
    }

    private InMemoryInode Find(string path) =>
        _entries.TryGetValue(Path.GetFullPath(path), out var inode)
            ? inode
            : throw new FileNotFoundException($"File '{path}' does not exist.", path);

    private void RequireDirectory(string fullPath)
    {
        var directory = Path.GetDirectoryName(fullPath);
        if (directory is null || !_directories.Contains(directory))
        {
            throw new DirectoryNotFoundException($"Directory '{directory}' does not exist.");
        }
    }

    private void CheckNotReadOnly()
    {
        if (IsReadOnly)
        {
            throw new IOException("Read-only file system (simulated).");
        }
    }

    private static bool InDirectory(string path, string directory) =>
        string.Equals(Path.GetDirectoryName(path), directory, StringComparison.Ordinal);
}
