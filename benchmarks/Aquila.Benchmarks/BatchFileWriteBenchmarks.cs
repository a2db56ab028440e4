using Aquila.Tokens;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Keys;
using BenchmarkDotNet.Attributes;

namespace Aquila.Benchmarks;

/// <summary>
/// Writing a batch file of 10,000 records × 7 tokens (per record), against writing the same handle and token bytes to
/// a plain buffered <see cref="FileStream"/>: the cost of the format (header, counts, SHA-256 trailer, atomic rename).
/// </summary>
[MemoryDiagnoser]
public class BatchFileWriteBenchmarks
{
    internal const int Records = 10_000;
    internal const int TokensPerRecord = 7;

    private readonly byte[] _handles = RandomTokens.Bytes(Records * BatchFormat.HandleLength, 3);
    private readonly byte[] _entries = RandomTokens.Bytes(Records * TokensPerRecord * BatchFormat.TokenEntryLength, 4);
    private readonly byte[] _batchId = RandomTokens.Bytes(16, 5);
    private string _directory = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("aquila-bench-batch-").FullName;
        // Key indices must be valid for the schema.
        for (var i = 0; i < _entries.Length; i += BatchFormat.TokenEntryLength)
        {
            _entries[i] = (byte)(_entries[i] % MatchKeySchema.Default.Keys.Count);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public long PlainFileStream()
    {
        var path = Path.Combine(_directory, "plain.bin");
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            var entryBytes = TokensPerRecord * BatchFormat.TokenEntryLength;
            for (var r = 0; r < Records; r++)
            {
                stream.Write(_handles.AsSpan(r * BatchFormat.HandleLength, BatchFormat.HandleLength));
                stream.WriteByte(TokensPerRecord);
                stream.Write(_entries.AsSpan(r * entryBytes, entryBytes));
            }
        }

        return new FileInfo(path).Length;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long BatchFileWriter()
    {
        var path = Path.Combine(_directory, "batch.aqb");
        using var writer = new BatchFileWriter(path, "bench", "RS", MatchKeySchema.Default, _batchId);
        var entryBytes = TokensPerRecord * BatchFormat.TokenEntryLength;
        for (var r = 0; r < Records; r++)
        {
            writer.WriteRecord(_handles.AsSpan(r * BatchFormat.HandleLength, BatchFormat.HandleLength), SubjectCategory.Suspect,
                _entries.AsSpan(r * entryBytes, entryBytes));
        }

        return writer.Complete().RecordCount;
    }
}
