using Microsoft.Extensions.Logging;

namespace Aquila.Server.ScaleOut;

/// <summary>Log messages of the coordinator/matcher roles: counts, ids of projects, batches and stream entries only.</summary>
internal static partial class ScaleOutLog
{
    [LoggerMessage(EventId = 5301, EventName = "Role", Level = LogLevel.Information, Message = "Server role {Role}: {What}")]
    public static partial void Role(ILogger logger, string role, string what);

    [LoggerMessage(EventId = 5302, EventName = "PublishFailed", Level = LogLevel.Warning, Message = "Publishing lifecycles to Redis failed; retrying on the next round")]
    public static partial void PublishFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5303, EventName = "DrainFailed", Level = LogLevel.Warning, Message = "Draining relayed audit events failed; retrying shortly")]
    public static partial void DrainFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 5304, EventName = "Drained", Level = LogLevel.Debug, Message = "Relayed {Count} audit event(s) from matcher instances into the chain")]
    public static partial void Drained(ILogger logger, int count);

    [LoggerMessage(EventId = 5305, EventName = "AlreadyRelayed", Level = LogLevel.Information,
        Message = "Relayed event {StreamId} was already in the audit chain (redelivered after an interruption); acknowledged without a second entry")]
    public static partial void AlreadyRelayed(ILogger logger, string streamId);

    [LoggerMessage(EventId = 5306, EventName = "SubmissionNotRecorded", Level = LogLevel.Warning,
        Message = "The submission of batch {BatchId} of {Party} to {ProjectId}, accepted by a matcher instance, was not recorded in the lifecycle: {Reason}")]
    public static partial void SubmissionNotRecorded(ILogger logger, string batchId, string party, string projectId, string reason);

    [LoggerMessage(EventId = 5307, EventName = "MalformedRelay", Level = LogLevel.Warning, Message = "Skipped malformed relayed audit event {StreamId}: {Problem}")]
    public static partial void MalformedRelay(ILogger logger, string streamId, string problem);

    [LoggerMessage(EventId = 5308, EventName = "ProjectForgotten", Level = LogLevel.Information, Message = "Project {ProjectId} is gone from Redis (purged); this matcher instance closed it")]
    public static partial void ProjectForgotten(ILogger logger, string projectId);
}
