using System.Security.Cryptography;
using Aquila.Matching.Index;
using BenchmarkDotNet.Attributes;

namespace Aquila.Benchmarks;

/// <summary>
/// The server's re-keying (AES-128 on each 16-byte token) per token: <see cref="TokenRekeyer"/> with AES-NI, one
/// token at a time and four at a time, against the BCL's AES-ECB called per block (the obvious implementation).
/// </summary>
[MemoryDiagnoser]
public class RekeyBenchmarks
{
    private const int Tokens = 4096;

    private readonly byte[] _key = RandomTokens.Bytes(16, 1);
    private readonly byte[] _source = RandomTokens.Bytes(Tokens * 16, 2);
    private readonly byte[] _destination = new byte[Tokens * 16];
    private TokenRekeyer _rekeyer = null!;
    private Aes _aes = null!;

    [GlobalSetup]
    public void Setup()
    {
        _rekeyer = new TokenRekeyer(_key);
        _aes = Aes.Create();
        _aes.Key = _key;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _rekeyer.Dispose();
        _aes.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Tokens)]
    public void BclAesEcbPerBlock()
    {
        for (var i = 0; i < Tokens; i++)
        {
            _aes.EncryptEcb(_source.AsSpan(i * 16, 16), _destination.AsSpan(i * 16, 16), PaddingMode.None);
        }
    }

    [Benchmark(OperationsPerInvoke = Tokens)]
    public void BclAesEcbWholeSpan() => _aes.EncryptEcb(_source, _destination, PaddingMode.None);

    [Benchmark(OperationsPerInvoke = Tokens)]
    public void RekeyerPerToken()
    {
        for (var i = 0; i < Tokens; i++)
        {
            _rekeyer.Rekey(_source.AsSpan(i * 16, 16), _destination.AsSpan(i * 16, 16));
        }
    }

    [Benchmark(OperationsPerInvoke = Tokens)]
    public void RekeyerMany() => _rekeyer.RekeyMany(_source, _destination);
}
