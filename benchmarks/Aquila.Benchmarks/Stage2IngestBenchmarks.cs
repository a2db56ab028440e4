using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Benchmarks;

/// <summary>
/// Stage 2's cost on the matcher's ingest (issue 16), without transport: three parties submit their records to a fresh
/// project (write-ahead log without fsync), once as the records' stage-1 tokens only (the baseline) and once with the
/// same tokens and each record's stage-2 block entries as a node writes them, so the matcher also indexes the postings
/// and compares every new candidate pair. Per submission of all three parties' batches; the setup prints the postings
/// and candidates of one load, for candidates (comparisons) per second.
/// </summary>
[MemoryDiagnoser]
public class Stage2IngestBenchmarks
{
    private static readonly string[] Parties = ["RS", "BA", "ME"];

    private readonly List<TokenBatch> _stageOne = [];
    private readonly List<TokenBatch> _withStage2 = [];
    private string _root = null!;
    private ProjectDefinition _definition = null!;
    private int _run;

    /// <summary>Records per party.</summary>
    [Params(3000)]
    public int Records { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _root = Path.Combine(Path.GetTempPath(), "aquila-bench-stage2-ingest-" + Guid.NewGuid().ToString("N"));
        _definition = new ProjectDefinition
        {
            ProjectId = "bench",
            Parties = Parties,
            SchemaHash = MatchKeySchema.Default.Hash.ToArray(),
            Keys = HitKey.FromSchema(MatchKeySchema.Default),
            MaxFanout = 5,
            Scoring = MatchKeySchema.Default.Scoring,
        };

        // Neighbouring parties share a third of their persons (the same sample records), so blocks meet across parties.
        var records = SampleRecords.Create(Records * 2, seed: 11);
        using var key = ProjectKey.FromBytes(new byte[32]);
        using var writer = new RecordComparisonWriter(key, MatchKeySchema.Default);
        using var tokenizer = new RecordTokenizer(MatchKeySchema.Default, key);
        var entries = new byte[RecordTokenizer.MaxEntryBytes];
        var blocks = new List<BlockVector>();
        for (var party = 0; party < Parties.Length; party++)
        {
            var plain = new TokenBatch();
            var scored = new TokenBatch();
            scored.CarryStage2(writer.Length);
            for (var i = 0; i < Records; i++)
            {
                var record = records[((party * Records * 2 / 3) + i) % records.Count];
                var tokens = tokenizer.Tokenize(record, entries).TokenCount;
                if (tokens == 0)
                {
                    continue; // a node rejects a record without a stage-1 key, and writes no blocks for it
                }

                foreach (var batch in (TokenBatch[])[plain, scored])
                {
                    batch.AddRecord(Bytes16((party << 24) | i));
                    for (var t = 0; t < tokens; t++)
                    {
                        var entry = entries.AsSpan(t * BatchFormat.TokenEntryLength, BatchFormat.TokenEntryLength);
                        batch.AddToken(entry[0], entry[1..]);
                    }
                }

                writer.Write(record, blocks);
                foreach (var block in blocks)
                {
                    scored.AddBlock((byte)block.BlockIndex, block.Token, block.Vector);
                }
            }

            _stageOne.Add(plain);
            _withStage2.Add(scored);
        }

        var figures = LoadAsync(_withStage2).GetAwaiter().GetResult();
        Console.WriteLine($"// stage 2 after one load: {figures} (postings, live candidates, bytes, started)");
    }

    [Benchmark(Baseline = true)]
    public async Task<int> StageOneOnly() => (await LoadAsync(_stageOne)) is null ? 1 : 0;

    [Benchmark]
    public async Task<int> WithStage2() => (await LoadAsync(_withStage2))?.Candidates ?? 0;

    [IterationCleanup]
    public void IterationCleanup()
    {
        foreach (var directory in Directory.GetDirectories(_root))
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [GlobalCleanup]
    public void Cleanup() => Directory.Delete(_root, recursive: true);

    private async Task<(int Postings, int Candidates, long Bytes, bool Started)?> LoadAsync(List<TokenBatch> batches)
    {
        var options = new ProjectMatcherOptions
        {
            Directory = Path.Combine(_root, (++_run).ToString(System.Globalization.CultureInfo.InvariantCulture)),
            DataKey = new byte[32],
            ServerKey = new byte[16],
            SnapshotEveryBytes = 0,
            SnapshotOnDispose = false,
            FileSystem = new NoFsyncFileSystem(),
        };
        var matcher = await ProjectMatcher.OpenAsync(_definition, options, NullLoggerFactory.Instance);
        try
        {
            for (var party = 0; party < batches.Count; party++)
            {
                var hash = new byte[32];
                hash[0] = (byte)(party + 1);
                _ = await matcher.SubmitAsync(Parties[party], Bytes16(party + 1), hash, batches[party]);
            }

            return matcher.Stage2Figures;
        }
        finally
        {
            await matcher.DisposeAsync();
        }
    }

    private static byte[] Bytes16(int value)
    {
        var bytes = new byte[16];
        BitConverter.TryWriteBytes(bytes, value);
        return bytes;
    }
}
