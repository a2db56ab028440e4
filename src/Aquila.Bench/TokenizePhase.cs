using System.Diagnostics;
using System.Security.Cryptography;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Comparison;
using Aquila.Tokens.Derivation;
using Aquila.Tokens.Keys;

namespace Aquila.Bench;

/// <summary>
/// Every party's node turns its synthetic records into batch files, parties in parallel on all cores. Only the
/// normalise + tokenise calls are timed for the record rate (thread CPU time and wall time); generating records and
/// writing files are not.
/// </summary>
internal static class TokenizePhase
{
    public static TokenizeResult Run(LoadOptions options, string[] parties, string projectId, ProjectKey key, string directory,
        CancellationToken cancellationToken)
    {
        var schema = MatchKeySchema.Default;
        var batches = new List<PreparedBatch>[parties.Length];
        var tokenizeCpu = new double[parties.Length];
        var tokenizeTicks = new long[parties.Length];
        var rejected = new long[parties.Length];
        var wall = Stopwatch.StartNew();
        Parallel.For(0, parties.Length, new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken },
            p =>
            {
                batches[p] = [];
                using var tokenizer = new RecordTokenizer(schema, key);
                // With --stage2 the node's comparison writer adds block entries, timed with the tokens (it is node work).
                using var comparisons = options.Stage2 ? new RecordComparisonWriter(key, schema) : null;
                var blocks = new List<BlockVector>();
                var blockEntries = new List<byte>();
                var entries = new byte[RecordTokenizer.MaxEntryBytes];
                Span<byte> handle = stackalloc byte[BatchFormat.HandleLength];
                var folder = Path.Combine(directory, parties[p]);
                Directory.CreateDirectory(folder);
                using var source = BenchPersonSource.Records(options, parties, p).GetEnumerator();
                for (var (number, more) = (0, source.MoveNext()); more; number++)
                {
                    var path = Path.Combine(folder, $"batch-{number:D4}.aqb");
                    using var writer = new BatchFileWriter(path, projectId, parties[p], schema, RandomNumberGenerator.GetBytes(16));
                    long tokens = 0;
                    for (var r = 0; more && r < options.RecordsPerBatch; r++, more = source.MoveNext())
                    {
                        var record = source.Current;
                        var before = Stopwatch.GetTimestamp();
                        var cpuBefore = CpuClock.ThreadSeconds();
                        var outcome = tokenizer.Tokenize(record, entries);
                        if (comparisons is not null && outcome.Success)
                        {
                            BlockEntries(comparisons, record, blocks, blockEntries);
                        }

                        tokenizeCpu[p] += CpuClock.ThreadSeconds() - cpuBefore;
                        tokenizeTicks[p] += Stopwatch.GetTimestamp() - before;
                        if (!outcome.Success)
                        {
                            rejected[p]++;
                            continue;
                        }

                        RandomNumberGenerator.Fill(handle);
                        writer.WriteRecord(handle, outcome.Category, entries.AsSpan(0, outcome.TokenCount * BatchFormat.TokenEntryLength),
                            System.Runtime.InteropServices.CollectionsMarshal.AsSpan(blockEntries));
                        tokens += outcome.TokenCount;
                    }

                    var records = writer.RecordCount;
                    writer.Complete();
                    batches[p].Add(new PreparedBatch(parties[p], path, records, tokens));
                    cancellationToken.ThrowIfCancellationRequested();
                }
            });

        long ticks = 0, rejects = 0;
        double cpu = 0;
        var all = new List<PreparedBatch>();
        for (var p = 0; p < parties.Length; p++)
        {
            ticks += tokenizeTicks[p];
            cpu += tokenizeCpu[p];
            rejects += rejected[p];
            all.AddRange(batches[p]);
        }

        return new TokenizeResult(all, (double)ticks / Stopwatch.Frequency, cpu, wall.Elapsed.TotalSeconds, rejects);
    }

    private static void BlockEntries(RecordComparisonWriter writer, Tokens.Input.SourceRecord record, List<BlockVector> blocks, List<byte> entries)
    {
        entries.Clear();
        var count = Math.Min(writer.Write(record, blocks), BatchFormat.MaxBlocksPerRecord);
        for (var i = 0; i < count; i++)
        {
            entries.Add((byte)blocks[i].BlockIndex);
            entries.AddRange(blocks[i].Token);
            entries.AddRange(blocks[i].Vector);
        }
    }
}

/// <summary>What the tokenise phase made.</summary>
internal sealed record TokenizeResult(List<PreparedBatch> Batches, double TokenizeWallSeconds, double TokenizeCpuSeconds, double WallSeconds, long Rejected);
