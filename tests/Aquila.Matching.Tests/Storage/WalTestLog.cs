using Aquila.Matching.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Matching.Tests.Storage;

/// <summary>Builds logs for tests: an in-memory fault-injecting file system by default, or a real temp directory.</summary>
internal sealed class WalTestLog(IFileSystem fileSystem, string directory)
{
    public static readonly byte[] DataKey = [.. Enumerable.Range(1, 32).Select(i => (byte)i)];

    public IFileSystem FileSystem { get; } = fileSystem;

    public string Directory { get; } = directory;

    public FaultInjectingFileSystem Faults => (FaultInjectingFileSystem)FileSystem;

    public static WalTestLog InMemory(TimeSpan flushLatency = default)
    {
        var fileSystem = new FaultInjectingFileSystem { FlushLatency = flushLatency };
        var directory = Path.GetFullPath("/aquila-wal-test/project");
        fileSystem.CreateDirectory(directory);
        return new WalTestLog(fileSystem, directory);
    }

    public WriteAheadLogOptions Options(long segmentSize = WriteAheadLogOptions.DefaultSegmentSize, byte[]? key = null) => new()
    {
        Directory = Directory,
        SegmentSize = segmentSize,
        DataKey = key ?? DataKey,
    };

    public Task<WriteAheadLog> OpenAsync(long segmentSize = WriteAheadLogOptions.DefaultSegmentSize, byte[]? key = null) =>
        WriteAheadLog.OpenAsync(Options(segmentSize, key), FileSystem, NullLogger<WriteAheadLog>.Instance, TestContext.Current.CancellationToken);

    public Task<WriteAheadLog> OpenAsync(WriteAheadLogOptions options) =>
        WriteAheadLog.OpenAsync(options, FileSystem, NullLogger<WriteAheadLog>.Instance, TestContext.Current.CancellationToken);

    public static async Task<List<WalRecord>> ReadAllAsync(WriteAheadLog log, long fromLsn = 1)
    {
        var records = new List<WalRecord>();
        await foreach (var record in log.ReadAllAsync(fromLsn, TestContext.Current.CancellationToken))
        {
            records.Add(record);
        }

        return records;
    }

    public static byte[] Payload(int i) => [.. BitConverter.GetBytes(i), .. Enumerable.Repeat((byte)(i % 251), i % 40)];

    public string SegmentPath(long index) => Path.Combine(Directory, $"segment-{index:D10}.wal");

    public List<string> SegmentNames()
    {
        var names = FileSystem.ListFiles(Directory).Where(n => n.EndsWith(".wal", StringComparison.Ordinal)).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
