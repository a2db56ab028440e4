using Aquila.Matching.Scoring;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;
using BenchmarkDotNet.Attributes;

namespace Aquila.Benchmarks;

/// <summary>
/// Stage 2 on the matcher: comparing two comparison vectors of one block into agreement levels and scoring them
/// (<see cref="PairScorer.Compare(System.ReadOnlySpan{byte}, System.ReadOnlySpan{byte}, System.Span{byte})"/> +
/// <see cref="PairScorer.Posterior"/>), against a byte-wise equality of the same vectors as baseline. Figures are per
/// comparison (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class PairScorerBenchmarks
{
    private const int Pairs = 1024;

    private readonly List<(byte[] A, byte[] B)> _pairs = [];
    private PairScorer _scorer = null!;
    private FellegiSunterModel _model = null!;
    private byte[] _levels = null!;

    [GlobalSetup]
    public void Setup()
    {
        var records = SampleRecords.Create(Pairs * 2, seed: 11);
        using var key = ProjectKey.FromBytes(new byte[32]);
        using var keys = new Stage2Keys(key, MatchKeySchema.Default.Hash.Span);
        using var vectors = new ComparisonVectorWriter();
        var layout = MatchKeySchema.Default.Scoring!.Layout;
        var salt = new byte[Stage2Keys.Length];
        keys.Salt("b_family", "BENCH", salt);
        for (var i = 0; i < Pairs; i++)
        {
            // Two records under one salt, as two records of one block are.
            var a = new byte[layout.Length];
            var b = new byte[layout.Length];
            vectors.Write(ComparisonFeatures.Of(records[2 * i]), layout, salt, a);
            vectors.Write(ComparisonFeatures.Of(records[(2 * i) + 1]), layout, salt, b);
            _pairs.Add((a, b));
        }

        _scorer = new PairScorer(MatchKeySchema.Default.Scoring!);
        _model = _scorer.StartingModel();
        _levels = new byte[_scorer.FieldCount];
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Pairs)]
    public int VectorsEqual()
    {
        var equal = 0;
        foreach (var (a, b) in _pairs)
        {
            equal += a.AsSpan().SequenceEqual(b) ? 1 : 0;
        }

        return equal;
    }

    [Benchmark(OperationsPerInvoke = Pairs)]
    public double CompareAndScore()
    {
        var sum = 0.0;
        foreach (var (a, b) in _pairs)
        {
            _scorer.Compare(a, b, _levels);
            sum += PairScorer.Posterior(_model, _levels);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Pairs)]
    public int CompareOnly()
    {
        var sum = 0;
        foreach (var (a, b) in _pairs)
        {
            _scorer.Compare(a, b, _levels);
            sum += _levels[0];
        }

        return sum;
    }
}
