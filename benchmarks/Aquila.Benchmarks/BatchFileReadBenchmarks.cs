using Aquila.Tokens;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Keys;
using BenchmarkDotNet.Attributes;

namespace Aquila.Benchmarks;

/// <summary>
/// Reading a batch file of 10,000 records × 7 tokens record by record, against reading the same bytes from a plain
/// file into one buffer: the cost of checking the format (checksum, header, record framing).
/// </summary>
[MemoryDiagnoser]
public class BatchFileReadBenchmarks
{
    private const int Records = BatchFileWriteBenchmarks.Records;
    private const int TokensPerRecord = BatchFileWriteBenchmarks.TokensPerRecord;

    private readonly BatchRecord _record = new();
    private string _directory = null!;
    private string _batchPath = null!;
    private string _plainPath = null!;
    private byte[] _plainBuffer = null!;

    [GlobalSetup]
    public void Setup()
    {
        _directory = Directory.CreateTempSubdirectory("aquila-bench-read-").FullName;
        _batchPath = Path.Combine(_directory, "batch.aqb");
        _plainPath = Path.Combine(_directory, "plain.bin");
        var handles = RandomTokens.Bytes(Records * BatchFormat.HandleLength, 3);
        var entries = RandomTokens.Bytes(Records * TokensPerRecord * BatchFormat.TokenEntryLength, 4);
        for (var i = 0; i < entries.Length; i += BatchFormat.TokenEntryLength)
        {
            entries[i] = (byte)(entries[i] % MatchKeySchema.Default.Keys.Count);
        }

        var entryBytes = TokensPerRecord * BatchFormat.TokenEntryLength;
        using (var writer = new BatchFileWriter(_batchPath, "bench", "RS", MatchKeySchema.Default, RandomTokens.Bytes(16, 5)))
        {
            for (var r = 0; r < Records; r++)
            {
                writer.WriteRecord(handles.AsSpan(r * BatchFormat.HandleLength, BatchFormat.HandleLength), SubjectCategory.Suspect,
                    entries.AsSpan(r * entryBytes, entryBytes));
            }

            writer.Complete();
        }

        File.WriteAllBytes(_plainPath, [.. handles, .. entries]);
        _plainBuffer = new byte[new FileInfo(_plainPath).Length];
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_directory, recursive: true);

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public int PlainFileRead()
    {
        using var stream = new FileStream(_plainPath, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        stream.ReadExactly(_plainBuffer);
        return _plainBuffer[^1];
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public long BatchFileReader()
    {
        using var reader = Aquila.Tokens.Batches.BatchFileReader.Open(_batchPath);
        long tokens = 0;
        while (reader.TryReadRecord(_record))
        {
            tokens += _record.TokenCount;
        }

        return tokens;
    }
}
