using System.Security.Cryptography;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Input;
using Aquila.Tokens.Keys;
using BenchmarkDotNet.Attributes;

namespace Aquila.Benchmarks;

/// <summary>
/// Normalise + tokenise one record with the default schema, against a baseline that computes the same number of
/// HMACs over messages of the same lengths with a reused <see cref="IncrementalHash"/> (DESIGN.md §8). Figures are
/// per record (OperationsPerInvoke).
/// </summary>
[MemoryDiagnoser]
public class TokenizeRecordBenchmarks
{
    private const int Records = 1024;

    private List<PersonRecord> _records = null!;
    private byte[][] _messages = null!;
    private RecordTokenizer _tokenizer = null!;
    private IncrementalHash _hmac = null!;
    private ProjectKey _key = null!;
    private readonly byte[] _entries = new byte[RecordTokenizer.MaxEntryBytes];
    private readonly byte[] _mac = new byte[32];

    [GlobalSetup]
    public void Setup()
    {
        _records = SampleRecords.Create(Records, seed: 7);
        _key = ProjectKey.FromBytes(new byte[32]);
        _tokenizer = new RecordTokenizer(MatchKeySchema.Default, _key);
        _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key.Bytes);
        _messages = BaselineMessages();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public int IncrementalHashSameTokenCount()
    {
        var total = 0;
        foreach (var message in _messages)
        {
            _hmac.AppendData(message);
            total += _hmac.GetHashAndReset(_mac);
        }

        return total;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int NormaliseAndTokenise()
    {
        var total = 0;
        foreach (var record in _records)
        {
            total += _tokenizer.Tokenize(record, _entries).TokenCount;
        }

        return total;
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _tokenizer.Dispose();
        _hmac.Dispose();
        _key.Dispose();
    }

    // One message per token the pipeline derives, of a typical token message's length (key id, version, 2-3 values).
    private byte[][] BaselineMessages()
    {
        var messages = new List<byte[]>();
        foreach (var record in _records)
        {
            var count = _tokenizer.Tokenize(record, _entries).TokenCount;
            for (var i = 0; i < count; i++)
            {
                messages.Add(RandomNumberGenerator.GetBytes(48));
            }
        }

        return [.. messages];
    }
}
