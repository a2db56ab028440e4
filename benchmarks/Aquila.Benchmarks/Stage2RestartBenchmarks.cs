using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Benchmarks;

/// <summary>
/// Reopening a stage-2 project: three parties' records (each with its stage-2 blocks as a node writes them) are in the
/// log; with <see cref="Snapshot"/> the matcher wrote a snapshot when it was closed (the default), without it the
/// reopen replays every batch and compares every candidate again. Per reopen of the whole project.
/// </summary>
[MemoryDiagnoser]
public class Stage2RestartBenchmarks
{
    private static readonly string[] Parties = ["RS", "BA", "ME"];

    private string _root = null!;
    private ProjectDefinition _definition = null!;

    /// <summary>Records per party.</summary>
    [Params(5000)]
    public int Records { get; set; }

    /// <summary>Whether closing the matcher wrote a snapshot.</summary>
    [Params(false, true)]
    public bool Snapshot { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "aquila-bench-stage2-restart-" + Guid.NewGuid().ToString("N"));
        _definition = new ProjectDefinition
        {
            ProjectId = "bench",
            Parties = Parties,
            SchemaHash = MatchKeySchema.Default.Hash.ToArray(),
            Keys = [new HitKey("nid", MatchBand.Strong)],
            MaxFanout = 5,
            Scoring = MatchKeySchema.Default.Scoring,
        };
        var matcher = ProjectMatcher.OpenAsync(_definition, Options(), NullLoggerFactory.Instance).GetAwaiter().GetResult();
        // Neighbouring parties share a third of their persons (the same sample records), so blocks meet across parties.
        var records = SampleRecords.Create(Records * 2, seed: 11);
        using var key = ProjectKey.FromBytes(new byte[32]);
        using var writer = new RecordComparisonWriter(key, MatchKeySchema.Default);
        var blocks = new List<BlockVector>();
        for (var party = 0; party < Parties.Length; party++)
        {
            var batch = new TokenBatch();
            batch.CarryStage2(writer.Length);
            for (var i = 0; i < Records; i++)
            {
                var record = records[((party * Records * 2 / 3) + i) % records.Count];
                batch.AddRecord(Bytes16((party << 24) | i));
                batch.AddToken(0, Bytes16((party << 24) | i | (1 << 30)));
                writer.Write(record, blocks);
                foreach (var block in blocks)
                {
                    batch.AddBlock((byte)block.BlockIndex, block.Token, block.Vector);
                }
            }

            var id = Bytes16(party + 1);
            var hash = new byte[32];
            hash[0] = (byte)(party + 1);
            _ = matcher.SubmitAsync(Parties[party], id, hash, batch).GetAwaiter().GetResult();
        }

        // Printed for memory per record: (postings, live candidates, bytes, started).
        Console.WriteLine($"// stage 2 after load: {matcher.Stage2Figures}");
        matcher.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark]
    public async Task<long> Reopen()
    {
        var matcher = await ProjectMatcher.OpenAsync(_definition, Options(), NullLoggerFactory.Instance);
        var lsn = matcher.SnapshotLsn;
        await matcher.DisposeAsync();
        return lsn;
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    private ProjectMatcherOptions Options() => new()
    {
        Directory = _root,
        DataKey = new byte[32],
        ServerKey = new byte[16],
        SnapshotEveryBytes = 0,
        SnapshotOnDispose = Snapshot,
    };

    private static byte[] Bytes16(int value)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes, value);
        return bytes;
    }
}
