using System.Buffers.Binary;
using Aquila.Matching.Index;
using Aquila.Tokens.Keys;
using BenchmarkDotNet.Attributes;

namespace Aquila.Benchmarks;

/// <summary>
/// Hit grouping: a second party's batch of 50,000 records × 7 tokens arrives at a detector that holds the first
/// party's 50,000 records; a tenth of the records are the same persons (all 7 tokens agree). Measured:
/// <see cref="HitDetector.AddBatch"/> (index the batch, pair tokens, group agreeing tokens into hits with ids and
/// bands) against a baseline that only looks each token up in a <c>Dictionary&lt;UInt128, int&gt;</c> of the first
/// party and ORs key bits per record pair in a <c>Dictionary&lt;(int, int), ulong&gt;</c>. Per record.
/// </summary>
[MemoryDiagnoser]
public class HitGroupingBenchmarks
{
    private const int Records = 50_000;
    private const int TokensPerRecord = 7;

    private TokenBatch _first = null!;
    private TokenBatch _second = null!;
    private HitDetector _detector = null!;
    private Dictionary<UInt128, int> _firstTokens = null!;
    private HitDetectorOptions _options = null!;

    [GlobalSetup]
    public void Setup()
    {
        _options = new HitDetectorOptions { ProjectId = "bench", PartyCodes = ["RS", "BA"], Keys = HitKey.FromSchema(MatchKeySchema.Default), InitialTokenCapacity = 2 * Records * TokensPerRecord };
        var firstTokens = RandomTokens.Bytes(Records * TokensPerRecord * 16, 12);
        var secondTokens = RandomTokens.Bytes(Records * TokensPerRecord * 16, 13);
        // Every tenth record of the second party is a person the first party also holds.
        for (var r = 0; r < Records; r += 10)
        {
            firstTokens.AsSpan(r * TokensPerRecord * 16, TokensPerRecord * 16).CopyTo(secondTokens.AsSpan(r * TokensPerRecord * 16));
        }

        _first = Batch(firstTokens, 14);
        _second = Batch(secondTokens, 15);
        _firstTokens = new Dictionary<UInt128, int>(Records * TokensPerRecord);
        for (var t = 0; t < _first.TokenCount; t++)
        {
            _firstTokens[BinaryPrimitives.ReadUInt128LittleEndian(_first.GetToken(t))] = t / TokensPerRecord;
        }
    }

    [IterationSetup]
    public void FreshDetector()
    {
        _detector = new HitDetector(_options);
        _detector.AddBatch(0, _first);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Records)]
    public int DictionaryPairing()
    {
        var pairs = new Dictionary<(int, int), ulong>();
        for (var t = 0; t < _second.TokenCount; t++)
        {
            if (_firstTokens.TryGetValue(BinaryPrimitives.ReadUInt128LittleEndian(_second.GetToken(t)), out var record))
            {
                var pair = (record, t / TokensPerRecord);
                pairs[pair] = pairs.GetValueOrDefault(pair) | (1UL << _second.GetKeyIndex(t));
            }
        }

        return pairs.Count;
    }

    [Benchmark(OperationsPerInvoke = Records)]
    public int HitDetectorAddBatch() => _detector.AddBatch(1, _second).Count;

    private static TokenBatch Batch(byte[] tokens, int seed)
    {
        var handles = RandomTokens.Bytes(Records * RecordHandle.Size, seed);
        var batch = new TokenBatch(Records, Records * TokensPerRecord);
        for (var r = 0; r < Records; r++)
        {
            batch.AddRecord(handles.AsSpan(r * RecordHandle.Size, RecordHandle.Size));
            for (var k = 0; k < TokensPerRecord; k++)
            {
                batch.AddToken((byte)k, tokens.AsSpan(((r * TokensPerRecord) + k) * 16, 16));
            }
        }

        return batch;
    }
}
