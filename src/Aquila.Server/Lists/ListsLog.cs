using Microsoft.Extensions.Logging;

namespace Aquila.Server.Lists;

/// <summary>Log messages of the list service (event ids 5201-5299): party codes, list ids, counts.</summary>
internal static partial class ListsLog
{
    // Debug: every answered query is already an audit entry, and a line per query at thousands of queries per second
    // cost the server about a tenth of its CPU (console logger). Refusals and alerts stay warnings.
    [LoggerMessage(EventId = 5201, EventName = "QueryAnswered", Level = LogLevel.Debug, Message = "Query by {Party} on list {ProjectId}: {Hits} hit(s)")]
    public static partial void QueryAnswered(ILogger logger, string party, string projectId, int hits);

    [LoggerMessage(EventId = 5202, EventName = "QueryRefused", Level = LogLevel.Warning, Message = "Refused a query by {Party} on list {ProjectId}: {Status}")]
    public static partial void QueryRefused(ILogger logger, string party, string projectId, string status);

    [LoggerMessage(EventId = 5203, EventName = "ScanningAlert", Level = LogLevel.Warning,
        Message = "Scanning alert: {Party} sent {Similar} near-identical queries to list {ProjectId} within the window")]
    public static partial void ScanningAlert(ILogger logger, string party, string projectId, int similar);

    [LoggerMessage(EventId = 5204, EventName = "BulkCheckCompleted", Level = LogLevel.Information,
        Message = "Bulk check by {Party} on list {ProjectId}: {Persons} of {Declared} persons answered, {Hits} hit(s), {Refused} refused (quota)")]
    public static partial void BulkCheckCompleted(ILogger logger, string party, string projectId, int persons, int declared, int hits, int refused);
}
