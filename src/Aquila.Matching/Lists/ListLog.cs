using Microsoft.Extensions.Logging;

namespace Aquila.Matching.Lists;

/// <summary>Log messages of joint lists (event ids 2400-2499): counts, party codes and project ids only.</summary>
internal static partial class ListLog
{
    [LoggerMessage(EventId = 2401, EventName = "Opened", Level = LogLevel.Information,
        Message = "List {ProjectId} opened: {Changes} changes and {Queries} query hits replayed")]
    public static partial void Opened(ILogger logger, string projectId, int changes, int queries);

    [LoggerMessage(EventId = 2402, EventName = "Changed", Level = LogLevel.Information,
        Message = "List {ProjectId}: {Kind} by {PartyCode} at LSN {Lsn}: {Added} added, {Removed} removed, {Events} duplicate events")]
    public static partial void Changed(ILogger logger, string projectId, string kind, string partyCode, long lsn, int added, int removed, int events);

    [LoggerMessage(EventId = 2403, EventName = "ChangeRefused", Level = LogLevel.Warning, Message = "List {ProjectId}: a change by {PartyCode} was refused: {Problem}")]
    public static partial void ChangeRefused(ILogger logger, string projectId, string partyCode, string problem);
}
