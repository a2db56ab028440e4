using Microsoft.Extensions.Logging;

namespace Aquila.Server.Offline;

/// <summary>Log messages of the offline exchange: party codes, batch ids, counts, serials; never a handle or token.</summary>
internal static partial class OfflineLog
{
    [LoggerMessage(EventId = 5100, EventName = "BatchImported", Level = LogLevel.Information,
        Message = "Coordinator {Coordinator} imported batch {BatchId} of {Party} into {ProjectId} (signed by serial {Serial})")]
    public static partial void BatchImported(ILogger logger, string coordinator, string batchId, string party, string projectId, string serial);

    [LoggerMessage(EventId = 5101, EventName = "ImportRefused", Level = LogLevel.Warning, Message = "Refused an offline import by {Coordinator} into {ProjectId}: {Reason}")]
    public static partial void ImportRefused(ILogger logger, string coordinator, string projectId, string reason);

    [LoggerMessage(EventId = 5102, EventName = "HitsExported", Level = LogLevel.Information,
        Message = "Coordinator {Coordinator} exported {Events} hit event(s) of {Party} in {ProjectId}, encrypted to serial {Serial}")]
    public static partial void HitsExported(ILogger logger, string coordinator, int events, string party, string projectId, string serial);
}
