using System.Buffers.Binary;
using Aquila.Matching.Index;
using BenchmarkDotNet.Attributes;

namespace Aquila.Benchmarks;

/// <summary>
/// Looking up tokens in an index of N tokens, half present and half absent, in <see cref="TokenIndex.Find"/> against
/// <c>Dictionary&lt;UInt128, int&gt;.TryGetValue</c>. Figures are per lookup.
/// </summary>
[MemoryDiagnoser]
public class TokenIndexLookupBenchmarks
{
    private const int Lookups = 100_000;

    private byte[] _probes = null!;
    private byte[] _keyIndices = null!;
    private Dictionary<UInt128, int> _map = null!;
    private TokenIndex _index = null!;

    [Params(100_000, 1_000_000)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var tokens = RandomTokens.Bytes(Tokens * 16, 7);
        _map = new Dictionary<UInt128, int>(Tokens);
        _index = new TokenIndex(initialCapacity: Tokens);
        for (var i = 0; i < Tokens; i++)
        {
            _map[BinaryPrimitives.ReadUInt128LittleEndian(tokens.AsSpan(i * 16, 16))] = i;
            _index.Add(0, tokens.AsSpan(i * 16, 16), 0, i, out _);
        }

        // Even probes hit a stored token, odd probes miss.
        var absent = RandomTokens.Bytes(Lookups * 16, 8);
        var random = new Random(9);
        _probes = new byte[Lookups * 16];
        _keyIndices = new byte[Lookups];
        for (var i = 0; i < Lookups; i++)
        {
            var source = i % 2 == 0 ? tokens.AsSpan(random.Next(Tokens) * 16, 16) : absent.AsSpan(i * 16, 16);
            source.CopyTo(_probes.AsSpan(i * 16));
        }
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Lookups)]
    public int DictionaryTryGetValue()
    {
        var found = 0;
        for (var i = 0; i < Lookups; i++)
        {
            if (_map.TryGetValue(BinaryPrimitives.ReadUInt128LittleEndian(_probes.AsSpan(i * 16, 16)), out _))
            {
                found++;
            }
        }

        return found;
    }

    [Benchmark(OperationsPerInvoke = Lookups)]
    public int TokenIndexFind()
    {
        var found = 0;
        for (var i = 0; i < Lookups; i++)
        {
            if (_index.Find(_keyIndices[i], _probes.AsSpan(i * 16, 16)) >= 0)
            {
                found++;
            }
        }

        return found;
    }
}
