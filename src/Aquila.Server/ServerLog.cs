using Microsoft.Extensions.Logging;

namespace Aquila.Server;

/// <summary>The server's log messages. Counts, party codes, batch ids, serials: never a handle, token or name.</summary>
internal static partial class ServerLog
{
    [LoggerMessage(EventId = 5000, EventName = "Listening", Level = LogLevel.Information, Message = "Aquila server listening on {Address} with {ProjectCount} project(s)")]
    public static partial void Listening(ILogger logger, string address, int projectCount);

    [LoggerMessage(EventId = 5060, EventName = "MetricsListening", Level = LogLevel.Information,
        Message = "Prometheus metrics on {Address} (its own listener)")]
    public static partial void MetricsListening(ILogger logger, string address);

    [LoggerMessage(EventId = 5061, EventName = "MetricsScrapeRefused", Level = LogLevel.Warning,
        Message = "Refused a scrape of the metrics listener: {Failure} ({Reason})")]
    public static partial void MetricsScrapeRefused(ILogger logger, string failure, string reason);

    [LoggerMessage(EventId = 5001, EventName = "AuthenticationFailed", Level = LogLevel.Warning, Message = "Refused a call to {Method}: {Failure} ({Reason})")]
    public static partial void AuthenticationFailed(ILogger logger, string method, string failure, string reason);

    [LoggerMessage(EventId = 5002, EventName = "PermissionDenied", Level = LogLevel.Warning, Message = "Denied {Party}/{Role} a call to {Method}: {Reason}")]
    public static partial void PermissionDenied(ILogger logger, string party, string role, string method, string reason);

    [LoggerMessage(EventId = 5003, EventName = "BatchAccepted", Level = LogLevel.Information,
        Message = "Accepted batch {BatchId} of {Party} into {ProjectId}: {Records} records, {Tokens} tokens, {HitEvents} hit events")]
    public static partial void BatchAccepted(ILogger logger, string batchId, string party, string projectId, long records, long tokens, long hitEvents);

    [LoggerMessage(EventId = 5004, EventName = "BatchResent", Level = LogLevel.Information, Message = "Batch {BatchId} of {Party} into {ProjectId} was already accepted")]
    public static partial void BatchResent(ILogger logger, string batchId, string party, string projectId);

    [LoggerMessage(EventId = 5005, EventName = "BatchRefused", Level = LogLevel.Warning, Message = "Refused batch {BatchId} of {Party} into {ProjectId}: {Reason}")]
    public static partial void BatchRefused(ILogger logger, string batchId, string party, string projectId, string reason);

    [LoggerMessage(EventId = 5040, EventName = "DataSetReplaced", Level = LogLevel.Information,
        Message = "Batch {BatchId} of {Party} replaced its data set in {ProjectId}: {Batches} earlier batches ({Records} records) and {Hits} hits withdrawn")]
    public static partial void DataSetReplaced(ILogger logger, string batchId, string party, string projectId, int batches, long records, long hits);

    [LoggerMessage(EventId = 5006, EventName = "StreamEnded", Level = LogLevel.Warning, Message = "Ended a stream of {Method}: the caller's certificate is no longer valid, {Failure} ({Reason})")]
    public static partial void StreamEnded(ILogger logger, string method, string failure, string reason);

    [LoggerMessage(EventId = 5007, EventName = "RefusalsRepeated", Level = LogLevel.Warning,
        Message = "Refused {Count} more calls like an earlier one within {Seconds} s: {Summary}")]
    public static partial void RefusalsRepeated(ILogger logger, long count, string summary, string seconds);

    [LoggerMessage(EventId = 5008, EventName = "RefusalsNotItemised", Level = LogLevel.Warning,
        Message = "Refused {Count} more calls of {Distinct} further distinct kinds within {Seconds} s; counted only (too many to itemise)")]
    public static partial void RefusalsNotItemised(ILogger logger, long count, long distinct, string seconds);

    [LoggerMessage(EventId = 5009, EventName = "RefusalSummaryFailed", Level = LogLevel.Error, Message = "Could not write the summary of repeated refusals to the audit chain ({Error})")]
    public static partial void RefusalSummaryFailed(ILogger logger, string error);

    [LoggerMessage(EventId = 5010, EventName = "RequestRefused", Level = LogLevel.Warning, Message = "Refused a call to {Method} by {Party}: its {Field} is not allowed ({Problem})")]
    public static partial void RequestRefused(ILogger logger, string method, string party, string field, string problem);

    [LoggerMessage(EventId = 5011, EventName = "UploadRefused", Level = LogLevel.Warning, Message = "Refused an upload of {Party}: {Reason}")]
    public static partial void UploadRefused(ILogger logger, string party, string reason);

    [LoggerMessage(EventId = 5012, EventName = "UploadNotStored", Level = LogLevel.Warning, Message = "Could not spool batch {BatchId} of {Party} while receiving it ({Error}); nothing was accepted")]
    public static partial void UploadNotStored(ILogger logger, string batchId, string party, string error);

    [LoggerMessage(EventId = 5013, EventName = "DeclaredProjects", Level = LogLevel.Warning,
        Message = "{Count} dry-run project(s) declared in the configuration: they release hits as batches arrive; never submit real data to them")]
    public static partial void DeclaredProjects(ILogger logger, int count);

    [LoggerMessage(EventId = 5014, EventName = "DeclaredProjectShadows", Level = LogLevel.Error,
        Message = "Project {ProjectId} is declared in this instance's configuration and is also a coordinated project: refused, so the declared one cannot shadow it; remove the declaration")]
    public static partial void DeclaredProjectShadows(ILogger logger, string projectId);

    [LoggerMessage(EventId = 5015, EventName = "Stage2NotOnRedis", Level = LogLevel.Warning,
        Message = "Project {ProjectId}: its schema has stage-2 scoring, but this server's matcher store (Redis) carries stage 1 only; the project matches by stage-1 keys alone (see docs/scale-out.md)")]
    public static partial void Stage2NotOnRedis(ILogger logger, string projectId);
}
