using Microsoft.Extensions.Logging;

namespace Aquila.Matching.Redis;

/// <summary>Log messages of the Redis log layout (event ids 2321-2329). Never a token, handle or name: counts, party codes, batch ids.</summary>
internal static partial class RedisLogStoreLog
{
    [LoggerMessage(EventId = 2321, EventName = "LogOpened", Level = LogLevel.Information,
        Message = "Opened project {ProjectId} as a follower of its Redis log (data key {DataKeyState}, local state {LocalState}, resuming after entry {Position})")]
    public static partial void Opened(ILogger logger, string projectId, string dataKeyState, string localState, string position);

    [LoggerMessage(EventId = 2322, EventName = "LocalStateRebuilt", Level = LogLevel.Warning,
        Message = "The local state of project {ProjectId} belongs to another data key (the project was purged and created again); it is deleted and rebuilt from the Redis log")]
    public static partial void LocalStateRebuilt(ILogger logger, string projectId);

    [LoggerMessage(EventId = 2323, EventName = "FollowFailed", Level = LogLevel.Warning,
        Message = "Following the Redis log of project {ProjectId} failed; retrying")]
    public static partial void FollowFailed(ILogger logger, Exception exception, string projectId);

    [LoggerMessage(EventId = 2324, EventName = "PurgeLearned", Level = LogLevel.Information,
        Message = "Project {ProjectId} was purged ({How}); its local state on this instance is deleted")]
    public static partial void PurgeLearned(ILogger logger, string projectId, string how);

    [LoggerMessage(EventId = 2325, EventName = "LogBatchRefused", Level = LogLevel.Warning,
        Message = "Batch of party {PartyCode} in project {ProjectId} refused before it reached the Redis log: {Problem}")]
    public static partial void BatchRefused(ILogger logger, string partyCode, string projectId, string problem);

    [LoggerMessage(EventId = 2326, EventName = "LogEntriesApplied", Level = LogLevel.Debug,
        Message = "Applied {Entries} entries of the Redis log of project {ProjectId} up to {Position}")]
    public static partial void EntriesApplied(ILogger logger, int entries, string projectId, string position);
}
