using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using BenchmarkDotNet.Attributes;

namespace Aquila.Benchmarks;

/// <summary>
/// Stage 2 on the node: all block tokens and comparison vectors of one record with the built-in schema, against the
/// stage-1 tokenisation of the same record as baseline (the ratio says what stage 2 adds to a node's work). Figures are
/// per record (OperationsPerInvoke); divide by the vectors per record printed in RESULTS.md for vectors per second.
/// </summary>
[MemoryDiagnoser]
public class RecordComparisonWriterBenchmarks
{
    private const int Records = 1024;

    private List<PersonRecord> _records = null!;
    private ProjectKey _key = null!;
    private RecordTokenizer _tokenizer = null!;
    private RecordComparisonWriter _writer = null!;
    private readonly List<BlockVector> _blocks = [];
    private readonly byte[] _entries = new byte[RecordTokenizer.MaxEntryBytes];

    [GlobalSetup]
    public void Setup()
    {
        _records = SampleRecords.Create(Records, seed: 7);
        _key = ProjectKey.FromBytes(new byte[32]);
        _tokenizer = new RecordTokenizer(MatchKeySchema.Default, _key);
        _writer = new RecordComparisonWriter(_key, MatchKeySchema.Default);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public int StageOneTokens()
    {
        var total = 0;
        foreach (var record in _records)
        {
            total += _tokenizer.Tokenize(record, _entries).TokenCount;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int BlockTokensAndVectors()
    {
        var total = 0;
        foreach (var record in _records)
        {
            total += _writer.Write(record, _blocks);
        }

        return total;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _tokenizer.Dispose();
        _key.Dispose();
    }
}
