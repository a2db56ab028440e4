using System.Diagnostics;
using System.Security.Cryptography;
using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Stage2;
using Aquila.Tokens.Batches;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Bench;

/// <summary>
/// Stage 2's cost on the matcher itself (issue 16), without transport: the same batch files submitted to an embedded
/// project matcher (write-ahead log with fsync on the work directory's disk) by every party at once, one batch after
/// another per party, then the project enters Matching (the EM fit and the release of every hit) and every party's
/// hits are read. Run as stage 1 alone (a schema without scoring: the files' block entries are dropped), stage 2 done
/// before each acknowledgement, and stage 2 left to the project's worker after it.
/// </summary>
internal static class MatcherStage2Phase
{
    /// <summary>How a run treats stage 2.</summary>
    public enum Mode
    {
        StageOneOnly,
        StageTwoBeforeAck,
        StageTwoAfterAck,
    }

    public static async Task<MatcherStage2Result> RunAsync(
        Mode mode, MatchKeySchema schema, string directory, string projectId, string[] parties, IReadOnlyList<PreparedBatch> batches,
        long? backlogCap, CancellationToken cancellationToken)
    {
        var definition = new ProjectDefinition
        {
            ProjectId = projectId,
            Parties = parties,
            SchemaHash = schema.Hash,
            Keys = HitKey.FromSchema(schema),
            MaxFanout = 5,
            Scoring = mode == Mode.StageOneOnly ? null : schema.Scoring,
        };
        var options = new ProjectMatcherOptions
        {
            Directory = directory,
            DataKey = RandomNumberGenerator.GetBytes(32),
            ServerKey = RandomNumberGenerator.GetBytes(16),
            SnapshotOnDispose = false,
            DeferStage2 = mode == Mode.StageTwoAfterAck,
            // Without a cap given, it is set past the run so the figures show the worker unhindered (back-pressure would slow
            // acks to inline); with one (the server's default is 500,000), acknowledgements wait past it, as in the server.
            MaxStage2BacklogRecords = backlogCap ?? long.MaxValue / 2,
        };

        var result = new MatcherStage2Result { RssBeforeBytes = ResidentMemory.AfterFullCollection(), HeapBeforeBytes = ResidentMemory.ManagedHeapBytes() };
        var matcher = await ProjectMatcher.OpenAsync(definition, options, NullLoggerFactory.Instance, cancellationToken);
        try
        {
            var cpu = CpuClock.ProcessSeconds();
            var clock = Stopwatch.StartNew();
            var lastAck = new long[parties.Length];
            var tasks = new Task[parties.Length];
            for (var p = 0; p < parties.Length; p++)
            {
                var party = p;
                tasks[p] = Task.Run(async () =>
                {
                    foreach (var batch in batches)
                    {
                        if (batch.Party != parties[party])
                        {
                            continue;
                        }

                        var (id, tokens) = Read(batch.Path, carryStage2: mode != Mode.StageOneOnly);
                        var outcome = await matcher.SubmitAsync(parties[party], id, SHA256.HashData(id), tokens, cancellationToken);
                        if (outcome.Status != SubmitStatus.Accepted)
                        {
                            throw new InvalidOperationException($"The matcher did not accept a batch of party {parties[party]}: {outcome.Problem}");
                        }

                        lastAck[party] = clock.ElapsedTicks;
                    }
                }, cancellationToken);
            }

            await Task.WhenAll(tasks);
            result.IngestSeconds = (double)lastAck.Max() / Stopwatch.Frequency;
            result.IngestCpuSeconds = CpuClock.ProcessSeconds() - cpu;
            var (backlogBatches, backlogRecords, _) = matcher.Stage2Backlog;
            result.BacklogBatchesAtLastAck = backlogBatches;
            result.BacklogRecordsAtLastAck = backlogRecords;

            // From the last acknowledgement: Matching starts (waiting for the stage-2 backlog, then the fit) and every hit is read.
            var hits = Stopwatch.StartNew();
            await matcher.StartScoringAsync(cancellationToken);
            result.ScoringStartedSeconds = hits.Elapsed.TotalSeconds;
            foreach (var party in parties)
            {
                foreach (var e in matcher.ReadHits(party, 0, int.MaxValue))
                {
                    result.HitEvents++;
                    result.NewHitEvents += e.Kind == HitChangeKind.New ? 1 : 0;
                }
            }

            result.TimeToAllHitsSeconds = (double)(clock.ElapsedTicks - lastAck.Max()) / Stopwatch.Frequency;
            result.TotalCpuSeconds = CpuClock.ProcessSeconds() - cpu;
            result.RssAfterBytes = ResidentMemory.AfterFullCollection();
            result.HeapAfterBytes = ResidentMemory.ManagedHeapBytes();
            if (matcher.Stage2Figures is var (postings, candidates, bytes, _))
            {
                result.Postings = postings;
                result.Candidates = candidates;
                result.Stage2Bytes = bytes;
                result.Blocks = matcher.Stage2Blocks;
                result.BlockIds = schema.Scoring!.Blocks;
            }
        }
        finally
        {
            await matcher.DisposeAsync();
        }

        foreach (var batch in batches)
        {
            result.Records += batch.Records;
            result.Tokens += batch.Tokens;
        }

        return result;
    }

    // The batch file as the server parses it: handles, tokens and (when the project scores) block entries.
    private static (byte[] Id, TokenBatch Batch) Read(string path, bool carryStage2)
    {
        using var reader = BatchFileReader.Open(path);
        var header = reader.Header;
        var batch = new TokenBatch((int)header.RecordCount, (int)header.TokenCount);
        var stage2 = carryStage2 && header.Stage2 is not null;
        if (stage2)
        {
            batch.CarryStage2(header.Stage2!.VectorLength);
        }

        var record = new BatchRecord();
        while (reader.TryReadRecord(record))
        {
            batch.AddRecord(record.Handle);
            for (var i = 0; i < record.TokenCount; i++)
            {
                batch.AddToken((byte)record.KeyIndexAt(i), record.TokenAt(i));
            }

            for (var i = 0; stage2 && i < record.BlockCount; i++)
            {
                batch.AddBlock((byte)record.BlockIndexAt(i), record.BlockTokenAt(i), record.VectorAt(i));
            }
        }

        return (header.BatchId.ToArray(), batch);
    }
}

/// <summary>Figures of one <see cref="MatcherStage2Phase"/> run.</summary>
internal sealed class MatcherStage2Result
{
    public long Records { get; set; }

    public long Tokens { get; set; }

    public double IngestSeconds { get; set; }

    public double IngestCpuSeconds { get; set; }

    public double TotalCpuSeconds { get; set; }

    public int BacklogBatchesAtLastAck { get; set; }

    public long BacklogRecordsAtLastAck { get; set; }

    /// <summary>Last ack until the project's scoring had started (the backlog done, the model fitted, every candidate banded).</summary>
    public double ScoringStartedSeconds { get; set; }

    /// <summary>Last ack until every party's hits were read.</summary>
    public double TimeToAllHitsSeconds { get; set; }

    public long HitEvents { get; set; }

    public long NewHitEvents { get; set; }

    public long RssBeforeBytes { get; set; }

    public long RssAfterBytes { get; set; }

    public long HeapBeforeBytes { get; set; }

    public long HeapAfterBytes { get; set; }

    public int Postings { get; set; }

    public int Candidates { get; set; }

    public long Stage2Bytes { get; set; }

    /// <summary>Candidates per block of the schema (empty for stage 1 alone).</summary>
    public IReadOnlyList<Stage2BlockFigures> Blocks { get; set; } = [];

    /// <summary>The ids of the blocks in <see cref="Blocks"/>.</summary>
    public IReadOnlyList<string> BlockIds { get; set; } = [];
}
