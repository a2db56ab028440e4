using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using BenchmarkDotNet.Attributes;

namespace Aquila.Benchmarks;

/// <summary>
/// Where a node's stage-2 time per record goes: reading the record's features, collecting its block values, the two
/// keyed MACs (block token, salt) of every block value, and writing the vector under every salt (the record's cipher
/// inputs built once). Each figure is per
/// record (OperationsPerInvoke); the parts before the one measured are prepared in setup.
/// </summary>
[MemoryDiagnoser]
public class RecordComparisonWriterPartsBenchmarks
{
    private const int Records = 1024;

    private readonly List<(string Id, string Value)> _blocks = [];
    private readonly byte[] _token = new byte[Stage2Keys.Length];
    private readonly byte[] _salt = new byte[Stage2Keys.Length];
    private List<PersonRecord> _records = null!;
    private ComparisonFeatures[] _features = null!;
    private List<(string Id, string Value)>[] _values = null!;
    private ProjectKey _key = null!;
    private ScoringSpec _scoring = null!;
    private Stage2Keys _keys = null!;
    private ComparisonVectorWriter _writer = null!;
    private byte[] _vector = null!;

    [GlobalSetup]
    public void Setup()
    {
        _records = SampleRecords.Create(Records, seed: 7);
        _key = ProjectKey.FromBytes(new byte[32]);
        _scoring = MatchKeySchema.Default.Scoring!;
        _keys = new Stage2Keys(_key, MatchKeySchema.Default.Hash.Span);
        _writer = new ComparisonVectorWriter();
        _vector = new byte[_scoring.Layout.Length];
        _features = new ComparisonFeatures[Records];
        _values = new List<(string Id, string Value)>[Records];
        for (var r = 0; r < Records; r++)
        {
            _features[r] = ComparisonFeatures.Of(_records[r]);
            _values[r] = [];
            CandidateBlocks.Collect(_features[r], _scoring.BlockDefinitions, _values[r]);
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public int Features()
    {
        var total = 0;
        foreach (var record in _records)
        {
            total += ComparisonFeatures.Of(record).Given.Length;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int BlockValues()
    {
        var total = 0;
        foreach (var features in _features)
        {
            CandidateBlocks.Collect(features, _scoring.BlockDefinitions, _blocks);
            total += _blocks.Count;
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int TokensAndSalts()
    {
        var total = 0;
        foreach (var values in _values)
        {
            foreach (var (id, value) in values)
            {
                _keys.TokenAndSalt(id, value, _token, _salt);
                total += _token[0];
            }
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int Vectors()
    {
        var total = 0;
        for (var r = 0; r < Records; r++)
        {
            _writer.Prepare(_features[r], _scoring.Layout);
            for (var b = 0; b < _values[r].Count; b++)
            {
                _writer.WriteUnder(_salt, _vector);
                total += _vector[0];
            }
        }

        return total;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _writer.Dispose();
        _keys.Dispose();
        _key.Dispose();
    }
}
