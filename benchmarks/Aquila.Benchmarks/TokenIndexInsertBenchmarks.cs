using System.Buffers.Binary;
using Aquila.Matching.Index;
using BenchmarkDotNet.Attributes;

namespace Aquila.Benchmarks;

/// <summary>
/// Inserting N distinct re-keyed tokens (one posting each) into a fresh <see cref="TokenIndex"/>, growth included,
/// against a fresh <c>Dictionary&lt;UInt128, int&gt;</c> (token → record). Per token.
/// </summary>
[MemoryDiagnoser]
public class TokenIndexInsertBenchmarks
{
    private byte[] _tokens = null!;

    [Params(100_000, 1_000_000)]
    public int Tokens { get; set; }

    [GlobalSetup]
    public void Setup() => _tokens = RandomTokens.Bytes(Tokens * 16, 6);

    [Benchmark(Baseline = true)]
    public int DictionaryUInt128()
    {
        var map = new Dictionary<UInt128, int>();
        for (var i = 0; i < Tokens; i++)
        {
            map[BinaryPrimitives.ReadUInt128LittleEndian(_tokens.AsSpan(i * 16, 16))] = i;
        }

        return map.Count;
    }

    [Benchmark]
    public int TokenIndexAdd()
    {
        var index = new TokenIndex();
        for (var i = 0; i < Tokens; i++)
        {
            index.Add((byte)(i % 11), _tokens.AsSpan(i * 16, 16), i % 6, i, out _);
        }

        return index.EntryCount;
    }
}
