using Microsoft.Extensions.Logging;

namespace Aquila.Matching.Redis;

/// <summary>Log messages of the Redis store (event ids 2301-2399). Never a token, handle or name: counts, party codes, batch ids.</summary>
internal static partial class RedisStoreLog
{
    [LoggerMessage(EventId = 2301, EventName = "Opened", Level = LogLevel.Information,
        Message = "Opened project {ProjectId} on Redis ({Shards} token shards, data key {DataKeyState})")]
    public static partial void Opened(ILogger logger, string projectId, int shards, string dataKeyState);

    [LoggerMessage(EventId = 2302, EventName = "BatchAccepted", Level = LogLevel.Information,
        Message = "Accepted batch {BatchId} of party {PartyCode} in project {ProjectId} on Redis: {Records} records, {Tokens} tokens, {HitEvents} hit events, {ElapsedMs} ms")]
    public static partial void BatchAccepted(
        ILogger logger, string batchId, string partyCode, string projectId, long records, long tokens, long hitEvents, long elapsedMs);

    [LoggerMessage(EventId = 2303, EventName = "BatchResent", Level = LogLevel.Information, Message = "Batch {BatchId} of party {PartyCode} in project {ProjectId} was resent; answered from its receipt")]
    public static partial void BatchResent(ILogger logger, string batchId, string partyCode, string projectId);

    [LoggerMessage(EventId = 2304, EventName = "BatchConflict", Level = LogLevel.Warning, Message = "Batch {BatchId} of party {PartyCode} in project {ProjectId} conflicts with the content it was claimed or accepted with")]
    public static partial void BatchConflict(ILogger logger, string batchId, string partyCode, string projectId);

    [LoggerMessage(EventId = 2305, EventName = "BatchRefused", Level = LogLevel.Warning, Message = "Batch of party {PartyCode} in project {ProjectId} refused: {Problem}")]
    public static partial void BatchRefused(ILogger logger, string partyCode, string projectId, string problem);

    [LoggerMessage(EventId = 2306, EventName = "RedisFailed", Level = LogLevel.Error, Message = "Redis failed during {Operation} of project {ProjectId}")]
    public static partial void RedisFailed(ILogger logger, Exception exception, string operation, string projectId);

    [LoggerMessage(EventId = 2307, EventName = "Purged", Level = LogLevel.Information, Message = "Purged project {ProjectId} from Redis: {Keys} keys deleted, data key destroyed")]
    public static partial void Purged(ILogger logger, string projectId, long keys);
}
