using System.Globalization;

namespace Aquila.Bench;

/// <summary>
/// <c>aquila bench --stage2 --matcher-stage2</c>: the three <see cref="MatcherStage2Phase"/> runs one after the other on
/// the same batch files, in one report, with stage 2's ingest rates as ratios to stage 1 alone in the same run.
/// </summary>
internal static class MatcherStage2Report
{
    private static readonly (string Name, MatcherStage2Phase.Mode Mode, string Key, string Label)[] Runs =
    [
        ("stage1", MatcherStage2Phase.Mode.StageOneOnly, "stage1", "stage 1 alone"),
        ("before", MatcherStage2Phase.Mode.StageTwoBeforeAck, "stage2_before_ack", "stage 2 before each ack"),
        ("after", MatcherStage2Phase.Mode.StageTwoAfterAck, "stage2_after_ack", "stage 2 after the ack (worker)"),
    ];

    /// <summary>Refuses a run name that is none of stage1, before, after.</summary>
    public static void Validate(string runs)
    {
        foreach (var name in runs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!Array.Exists(Runs, r => r.Name == name))
            {
                throw new ArgumentException($"--matcher-stage2-runs takes stage1, before and after (comma-separated), not '{name}'.");
            }
        }
    }

    public static async Task<LoadReport> RunAsync(LoadOptions options, string[] parties, string projectId, string directory, TokenizeResult tokenized,
        double loadAtStart, Action<string> say, CancellationToken cancellationToken)
    {
        var report = new LoadReport();
        report.Set("store", "token store", "embedded matcher, no transport");
        report.Add("parties", "parties", options.Parties, "");
        report.Add("records", "records tokenised (all parties)", tokenized.Batches.Sum(b => b.Records), "");
        report.Add("batches", "batches", tokenized.Batches.Count, "");
        report.Add("load_average_at_start", "1-minute load average of the machine at the start", loadAtStart, "");
        var schema = MatcherSchema(options);
        report.Set("matcher_schema", "the matcher's schema", schema.Source);
        MatcherStage2Result? stage1 = null;
        var chosen = options.MatcherStage2Runs.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        foreach (var (name, mode, key, label) in Runs)
        {
            if (!chosen.Contains(name))
            {
                continue;
            }

            say($"Matcher, {label}: every party submits its batches, then the project enters Matching.");
            var folder = Path.Combine(directory, key);
            MatcherStage2Result result;
            try
            {
                result = await MatcherStage2Phase.RunAsync(mode, schema, folder, projectId, parties, tokenized.Batches, options.MatcherStage2BacklogRecords,
                    cancellationToken);
            }
            finally
            {
                if (Directory.Exists(folder))
                {
                    Directory.Delete(folder, recursive: true);
                }
            }

            stage1 = mode == MatcherStage2Phase.Mode.StageOneOnly ? result : stage1;
            Add(report, key, label, result, stage1);
            report.Add($"{key}_load_average_after", $"{label}: 1-minute load average after the run", CpuClock.LoadAverage(), "");
        }

        report.Note("Matcher alone (no gRPC, no TLS): the batch files are parsed and submitted by "
            + parties.Length.ToString(CultureInfo.InvariantCulture) + " concurrent parties, one batch at a time each; "
            + "the log is fsynced as in the server. Stage 1 alone drops the files' block entries (a schema without scoring). Memory per record is "
            + "RSS after the run and a full GC minus RSS before it, with the project still open and scored.");
        return report;
    }

    // The built-in schema, or --matcher-schema when its blocks and fields are the built-in ones (the batches carry those).
    private static Aquila.Tokens.Keys.MatchKeySchema MatcherSchema(LoadOptions options)
    {
        var builtIn = Aquila.Tokens.Keys.MatchKeySchema.Default;
        if (options.MatcherSchemaPath is null)
        {
            return builtIn;
        }

        var schema = Aquila.Tokens.Keys.MatchKeySchema.Load(options.MatcherSchemaPath);
        if (schema.Scoring is not { } scoring || !scoring.Blocks.SequenceEqual(builtIn.Scoring!.Blocks)
            || scoring.Layout.Length != builtIn.Scoring.Layout.Length)
        {
            throw new ArgumentException("--matcher-schema must have the built-in schema's blocks and comparison fields: the batches are written under it.");
        }

        return schema;
    }

    private static void Add(LoadReport report, string key, string label, MatcherStage2Result r, MatcherStage2Result? stage1)
    {
        var wallRate = r.Tokens / r.IngestSeconds;
        var cpuRate = r.Tokens / r.IngestCpuSeconds;
        report.Add($"{key}_ingest_tokens_per_s", $"{label}: ingest, acked tokens/s (first submit to last ack)", wallRate, "tokens/s");
        report.Add($"{key}_ingest_tokens_per_cpu_s", $"{label}: ingest, acked tokens per process CPU second (up to the last ack)", cpuRate, "tokens/s");
        report.Add($"{key}_tokens_per_total_cpu_s", $"{label}: tokens per process CPU second up to all hits read (all stage-2 work done)",
            r.Tokens / r.TotalCpuSeconds, "tokens/s");
        report.Add($"{key}_ingest_seconds", $"{label}: ingest wall time", r.IngestSeconds, "s");
        report.Add($"{key}_backlog_records_at_last_ack", $"{label}: records waiting for stage 2 at the last ack", r.BacklogRecordsAtLastAck, "");
        report.Add($"{key}_scoring_started_s", $"{label}: last ack to Matching started (backlog done, EM fit, every candidate banded)",
            r.ScoringStartedSeconds, "s");
        report.Add($"{key}_time_to_all_hits_s", $"{label}: last ack to every party's hits read", r.TimeToAllHitsSeconds, "s");
        report.Add($"{key}_hits", $"{label}: hits (new hit events ÷ 2)", r.NewHitEvents / 2, "");
        report.Add($"{key}_candidates", $"{label}: stage-2 candidate pairs", r.Candidates, "");
        report.Add($"{key}_memory_kib_per_record", $"{label}: memory per record (RSS after load, Matching and full GC − before)",
            (r.RssAfterBytes - r.RssBeforeBytes) / 1024.0 / r.Records, "KiB");
        report.Add($"{key}_managed_heap_kib_per_record", $"{label}: managed heap growth per record (live objects)",
            (r.HeapAfterBytes - r.HeapBeforeBytes) / 1024.0 / r.Records, "KiB");
        for (var b = 0; b < r.Blocks.Count; b++)
        {
            var (id, f) = (r.BlockIds[b], r.Blocks[b]);
            report.Add($"{key}_block_{id}_candidates_per_record", $"{label}: {id}: live candidates compared under it, per record",
                (double)f.Candidates / r.Records, "");
            report.Add($"{key}_block_{id}_pairs_per_record", $"{label}: {id}: cross-party pairs its usable values make, per record",
                (double)f.PairsMade / r.Records, "");
            report.Add($"{key}_block_{id}_values_over_cap", $"{label}: {id}: values a party left (past the cap) of all values",
                f.Values == 0 ? 0 : (double)f.ValuesOverCap / f.Values, "");
        }

        if (stage1 is not null && !ReferenceEquals(r, stage1))
        {
            report.Add($"{key}_ingest_ratio", $"{label}: ingest tokens/s ÷ stage 1 alone (goal ≥ 0.6)", wallRate / (stage1.Tokens / stage1.IngestSeconds), "×");
            report.Add($"{key}_ingest_cpu_ratio", $"{label}: ingest tokens per CPU second ÷ stage 1 alone",
                cpuRate / (stage1.Tokens / stage1.IngestCpuSeconds), "×");
        }
    }
}
