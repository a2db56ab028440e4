using Aquila.Matching.Storage;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Win32.SafeHandles;

namespace Aquila.Benchmarks;

/// <summary>
/// Appending 4 KiB records to the <see cref="WriteAheadLog"/> (AES-GCM, CRC, group commit) with and without fsync,
/// one append at a time and 32 concurrent appenders, against the bare minimum: a positional write of the same bytes
/// plus, with fsync, one flush per record (what a log without group commit pays). Figures are per record.
/// </summary>
[MemoryDiagnoser]
[InvocationCount(16)] // bounds the disk space a run writes (16 × 128 × 4 KiB per iteration)
public class WalAppendBenchmarks
{
    private const int Appends = 128;
    private const int Concurrent = 32;

    private readonly byte[] _payload = RandomTokens.Bytes(4096, 10);
    private string _directory = null!;
    private WriteAheadLog _log = null!;
    private SafeFileHandle _plain = null!;
    private long _plainOffset;

    [Params(true, false)]
    public bool Fsync { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("aquila-bench-wal-").FullName;
        var options = new WriteAheadLogOptions { Directory = Path.Combine(_directory, "wal"), DataKey = RandomTokens.Bytes(32, 11) };
        IFileSystem files = Fsync ? PhysicalFileSystem.Instance : new NoFsyncFileSystem();
        _log = WriteAheadLog.OpenAsync(options, files, NullLogger<WriteAheadLog>.Instance)
            .GetAwaiter().GetResult();
        _plain = File.OpenHandle(Path.Combine(_directory, "plain.bin"), FileMode.Create, FileAccess.ReadWrite);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _log.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _plain.Dispose();
        Directory.Delete(_directory, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Appends)]
    public void PlainWrite()
    {
        for (var i = 0; i < Appends; i++)
        {
            RandomAccess.Write(_plain, _payload, _plainOffset);
            _plainOffset = (_plainOffset + _payload.Length) % (64L << 20);
            if (Fsync)
            {
                RandomAccess.FlushToDisk(_plain);
            }
        }
    }

    [Benchmark(OperationsPerInvoke = Appends)]
    public async Task WalAppendOneAtATime()
    {
        for (var i = 0; i < Appends; i++)
        {
            await _log.AppendAsync(1, _payload);
        }
    }

    [Benchmark(OperationsPerInvoke = Appends)]
    public async Task WalAppendConcurrent()
    {
        var tasks = new Task[Concurrent];
        for (var t = 0; t < Concurrent; t++)
        {
            tasks[t] = Task.Run(async () =>
            {
                for (var i = 0; i < Appends / Concurrent; i++)
                {
                    await _log.AppendAsync(1, _payload);
                }
            });
        }

        await Task.WhenAll(tasks);
    }
}
