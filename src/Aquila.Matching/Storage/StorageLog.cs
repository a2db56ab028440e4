using Microsoft.Extensions.Logging;

namespace Aquila.Matching.Storage;

/// <summary>Log messages of the storage layer. They carry file names, offsets, LSNs and counts only — never record content.</summary>
internal static partial class StorageLog
{
    [LoggerMessage(EventId = 3001, EventName = "Recovered", Level = LogLevel.Information,
        Message = "Write-ahead log recovered: {SegmentCount} segments, {RecordCount} records, last LSN {LastLsn}, snapshot LSN {SnapshotLsn}")]
    public static partial void Recovered(ILogger logger, int segmentCount, long recordCount, long lastLsn, long snapshotLsn);

    [LoggerMessage(EventId = 3002, EventName = "TornTailCut", Level = LogLevel.Warning,
        Message = "Write-ahead log segment {FileName} had a torn tail: cut at byte {Offset}, {DiscardedBytes} unacknowledged bytes dropped")]
    public static partial void TornTailCut(ILogger logger, string fileName, long offset, long discardedBytes);

    [LoggerMessage(EventId = 3003, EventName = "EmptySegmentRemoved", Level = LogLevel.Information,
        Message = "Write-ahead log segment {FileName} held no complete record and was removed")]
    public static partial void EmptySegmentRemoved(ILogger logger, string fileName);

    [LoggerMessage(EventId = 3004, EventName = "SegmentStarted", Level = LogLevel.Debug, Message = "Write-ahead log segment {FileName} started at LSN {BaseLsn}")]
    public static partial void SegmentStarted(ILogger logger, string fileName, long baseLsn);

    [LoggerMessage(EventId = 3005, EventName = "SnapshotWritten", Level = LogLevel.Information,
        Message = "Write-ahead log snapshot at LSN {Lsn} written ({Bytes} bytes); {DeletedSegments} covered segments deleted")]
    public static partial void SnapshotWritten(ILogger logger, long lsn, long bytes, int deletedSegments);

    [LoggerMessage(EventId = 3006, EventName = "AppendFailed", Level = LogLevel.Warning,
        Message = "Write-ahead log append of {RecordCount} records failed; the log stays usable")]
    public static partial void AppendFailed(ILogger logger, Exception exception, int recordCount);

    [LoggerMessage(EventId = 3007, EventName = "Faulted", Level = LogLevel.Error,
        Message = "Write-ahead log stopped: a flush to disk failed, so what reached the disk is unknown. Reopen the log to recover")]
    public static partial void Faulted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 3008, EventName = "LeftoverRemoved", Level = LogLevel.Debug, Message = "Write-ahead log removed leftover file {FileName}")]
    public static partial void LeftoverRemoved(ILogger logger, string fileName);
}
