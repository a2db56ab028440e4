using Microsoft.Extensions.Logging;

namespace Aquila.Matching.Projects;

/// <summary>Log messages of project matching (event ids 2200-2299): counts, party codes and batch ids only.</summary>
internal static partial class ProjectLog
{
    [LoggerMessage(EventId = 2201, EventName = "Opened", Level = LogLevel.Information,
        Message = "Project {ProjectId} opened: {Batches} batches replayed, {Hits} hits, {ElapsedMs} ms")]
    public static partial void Opened(ILogger logger, string projectId, int batches, long hits, long elapsedMs);

    [LoggerMessage(EventId = 2202, EventName = "BatchAccepted", Level = LogLevel.Information,
        Message = "Project {ProjectId}: batch {BatchId} of party {PartyCode} accepted at LSN {Lsn}: {Records} records, {Tokens} tokens, {HitEvents} hit events")]
    public static partial void BatchAccepted(
        ILogger logger, string projectId, string batchId, string partyCode, long lsn, int records, int tokens, int hitEvents);

    [LoggerMessage(EventId = 2203, EventName = "BatchResent", Level = LogLevel.Information,
        Message = "Project {ProjectId}: batch {BatchId} of party {PartyCode} was resent; answered with its receipt")]
    public static partial void BatchResent(ILogger logger, string projectId, string batchId, string partyCode);

    [LoggerMessage(EventId = 2204, EventName = "BatchConflict", Level = LogLevel.Warning,
        Message = "Project {ProjectId}: batch {BatchId} of party {PartyCode} reuses an accepted batch id with other content; refused")]
    public static partial void BatchConflict(ILogger logger, string projectId, string batchId, string partyCode);

    [LoggerMessage(EventId = 2205, EventName = "BatchRefused", Level = LogLevel.Warning,
        Message = "Project {ProjectId}: a batch of party {PartyCode} was refused: {Problem}")]
    public static partial void BatchRefused(ILogger logger, string projectId, string partyCode, string problem);

    [LoggerMessage(EventId = 2206, EventName = "AppendFailed", Level = LogLevel.Error,
        Message = "Project {ProjectId}: batch {BatchId} of party {PartyCode} could not be written to the log; nothing was applied")]
    public static partial void AppendFailed(ILogger logger, Exception exception, string projectId, string batchId, string partyCode);

    [LoggerMessage(EventId = 2207, EventName = "SnapshotLoaded", Level = LogLevel.Information,
        Message = "Project {ProjectId}: snapshot at LSN {Lsn} loaded in {ElapsedMs} ms")]
    public static partial void SnapshotLoaded(ILogger logger, string projectId, long lsn, long elapsedMs);

    [LoggerMessage(EventId = 2208, EventName = "SnapshotWritten", Level = LogLevel.Information,
        Message = "Project {ProjectId}: snapshot at LSN {Lsn} written ({Bytes} bytes of state) in {ElapsedMs} ms")]
    public static partial void SnapshotWritten(ILogger logger, string projectId, long lsn, long bytes, long elapsedMs);

    [LoggerMessage(EventId = 2209, EventName = "SnapshotFailed", Level = LogLevel.Warning,
        Message = "Project {ProjectId}: snapshot at LSN {Lsn} could not be written; the previous snapshot and the log stay in use")]
    public static partial void SnapshotFailed(ILogger logger, Exception exception, string projectId, long lsn);

    [LoggerMessage(EventId = 2210, EventName = "DataSetReplaced", Level = LogLevel.Information,
        Message = "Project {ProjectId}: batch {BatchId} of party {PartyCode} replaced its data set: {Batches} earlier batches ({Records} records) and {Hits} hits withdrawn")]
    public static partial void DataSetReplaced(ILogger logger, string projectId, string batchId, string partyCode, int batches, long records, long hits);

    [LoggerMessage(EventId = 2211, EventName = "BatchOfReplacedDataSet", Level = LogLevel.Warning,
        Message = "Project {ProjectId}: batch {BatchId} of party {PartyCode} belongs to a replaced data set; refused")]
    public static partial void BatchOfReplacedDataSet(ILogger logger, string projectId, string batchId, string partyCode);

    [LoggerMessage(EventId = 2212, EventName = "ScoringStarted", Level = LogLevel.Information,
        Message = "Project {ProjectId}: stage-2 scoring started at LSN {Lsn}; {Candidates} candidate pairs, {Hits} hit events from stage 2")]
    public static partial void ScoringStarted(ILogger logger, string projectId, long lsn, int candidates, int hits);
}
