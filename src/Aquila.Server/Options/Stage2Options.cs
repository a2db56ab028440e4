using System.ComponentModel.DataAnnotations;
using Aquila.Matching.Projects;

namespace Aquila.Server.Options;

/// <summary>
/// How the embedded store schedules stage-2 work (issue 16), bound from "Server:Matcher:Stage2". Before Matching a
/// batch is acknowledged once durable and its stage-1 part applied; its block postings, new candidate pairs and
/// comparisons wait for the project's worker. Entering Matching, a snapshot and a data-set replacement do what is left
/// first. The Redis store runs stage 2 only in its log layout (docs/scale-out.md) and does not read these settings.
/// </summary>
public sealed class Stage2Options
{
    /// <summary>Whether stage 2 is left to the worker (default) or done before each acknowledgement.</summary>
    public bool Defer { get; set; } = true;

    /// <summary>
    /// Records whose stage-2 work may wait for a project's worker; past it, an acknowledgement waits while the oldest
    /// work is done (a waiting record holds a copy of its block entries, about 1 KiB with the built-in schema).
    /// </summary>
    [Range(1, long.MaxValue, ErrorMessage = "Server:Matcher:Stage2:MaxBacklogRecords must be at least 1 (it bounds the memory of acknowledged batches whose stage-2 work waits).")]
    public long MaxBacklogRecords { get; set; } = ProjectMatcherOptions.DefaultMaxStage2BacklogRecords;
}
