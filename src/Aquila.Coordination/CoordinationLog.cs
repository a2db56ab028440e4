using Microsoft.Extensions.Logging;

namespace Aquila.Coordination;

/// <summary>
/// Source-generated log messages of Aquila.Coordination (EventIds 4000–4099). They carry file paths, sequence numbers,
/// counts and party codes — never entry details, handles or tokens.
/// </summary>
internal static partial class CoordinationLog
{
    [LoggerMessage(EventId = 4000, EventName = "AuditChainOpened", Level = LogLevel.Information, Message = "Audit chain {Path} opened at entry {Sequence}")]
    public static partial void AuditChainOpened(ILogger logger, string path, long sequence);

    [LoggerMessage(EventId = 4001, EventName = "AuditChainCreated", Level = LogLevel.Information, Message = "Audit chain {Path} created")]
    public static partial void AuditChainCreated(ILogger logger, string path);

    [LoggerMessage(EventId = 4002, EventName = "AuditBatchCommitted", Level = LogLevel.Debug, Message = "Audit chain committed {Count} entries up to entry {Sequence}")]
    public static partial void AuditBatchCommitted(ILogger logger, int count, long sequence);

    [LoggerMessage(EventId = 4003, EventName = "AuditAppendFailed", Level = LogLevel.Error,
        Message = "Audit chain could not commit {Count} entries; their appenders get the error")]
    public static partial void AuditAppendFailed(ILogger logger, Exception exception, int count);

    [LoggerMessage(EventId = 4004, EventName = "AuditChainDamaged", Level = LogLevel.Error,
        Message = "Audit chain {Path} is damaged at entry {Sequence}: {Reason}; refusing to append to it")]
    public static partial void AuditChainDamaged(ILogger logger, string path, long sequence, string reason);

    [LoggerMessage(EventId = 4005, EventName = "AuditHeadMovedElsewhere", Level = LogLevel.Warning,
        Message = "Audit chain head moved from entry {Expected} to entry {Found} outside this process; another writer uses the database")]
    public static partial void AuditHeadMovedElsewhere(ILogger logger, long expected, long found);

    [LoggerMessage(EventId = 4006, EventName = "AuditChainVerified", Level = LogLevel.Information,
        Message = "Audit chain verified: {Entries} entries, {SavedHeads} saved heads found in it")]
    public static partial void AuditChainVerified(ILogger logger, long entries, int savedHeads);

    [LoggerMessage(EventId = 4007, EventName = "AuditChainVerificationFailed", Level = LogLevel.Warning,
        Message = "Audit chain verification failed at entry {Sequence} ({Problem}): {Reason}")]
    public static partial void AuditChainVerificationFailed(ILogger logger, long sequence, string problem, string reason);

    [LoggerMessage(EventId = 4008, EventName = "AuditChainClosed", Level = LogLevel.Information, Message = "Audit chain {Path} closed at entry {Sequence}")]
    public static partial void AuditChainClosed(ILogger logger, string path, long sequence);
}
