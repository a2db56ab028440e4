using Microsoft.Extensions.Logging;

namespace Aquila.Node.Inbox;

/// <summary>The inbox's log messages: project ids, hit ids, counts and status codes only — never personal data.</summary>
internal static partial class InboxLog
{
    [LoggerMessage(EventId = 4000, EventName = "InboxFollowing", Level = LogLevel.Information,
        Message = "Following hits of project {Project} after sequence {Sequence}")]
    public static partial void Following(ILogger logger, string project, long sequence);

    [LoggerMessage(EventId = 4001, EventName = "InboxHitStored", Level = LogLevel.Information,
        Message = "Stored hit {HitId} of project {Project} (sequence {Sequence})")]
    public static partial void HitStored(ILogger logger, string hitId, string project, long sequence);

    [LoggerMessage(EventId = 4002, EventName = "InboxFollowFailed", Level = LogLevel.Warning,
        Message = "Following project {Project} stopped ({Status}); trying again in {Delay}")]
    public static partial void FollowFailed(ILogger logger, string project, string status, TimeSpan delay);

    [LoggerMessage(EventId = 4003, EventName = "InboxStateChanged", Level = LogLevel.Information,
        Message = "Hit {HitId} of project {Project} is now {State}")]
    public static partial void StateChanged(ILogger logger, string hitId, string project, string state);

    [LoggerMessage(EventId = 4004, EventName = "InboxFeedbackRefused", Level = LogLevel.Warning,
        Message = "The server refused feedback on hit {HitId} of project {Project} ({Status})")]
    public static partial void FeedbackRefused(ILogger logger, string hitId, string project, string status);

    [LoggerMessage(EventId = 4005, EventName = "InboxAccessRefused", Level = LogLevel.Warning,
        Message = "Refused a request without the access token ({Reason})")]
    public static partial void AccessRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 4006, EventName = "InboxAnalystRefused", Level = LogLevel.Warning,
        Message = "Refused a client certificate ({Reason}; party {Party}, role {Role})")]
    public static partial void AnalystRefused(ILogger logger, string reason, string party, string role);

    [LoggerMessage(EventId = 4007, EventName = "InboxBulkChanged", Level = LogLevel.Information,
        Message = "Bulk action: {Changed} hit(s) now {State}, {Refused} refused by the server, {Skipped} skipped")]
    public static partial void BulkChanged(ILogger logger, int changed, string state, int refused, int skipped);

    [LoggerMessage(EventId = 4008, EventName = "InboxNotified", Level = LogLevel.Information,
        Message = "Notified {Channel} of {Count} new hit(s) of project {Project}")]
    public static partial void Notified(ILogger logger, string channel, int count, string project);

    [LoggerMessage(EventId = 4009, EventName = "InboxNotifyFailed", Level = LogLevel.Warning,
        Message = "Notifying {Channel} of new hits of project {Project} failed (attempt {Attempt} of {Attempts}: {Problem})")]
    public static partial void NotifyFailed(ILogger logger, string channel, string project, int attempt, int attempts, string problem);

    [LoggerMessage(EventId = 4010, EventName = "InboxProjectsFound", Level = LogLevel.Information,
        Message = "No project given: following the {Count} project(s) party {Party} is invited to")]
    public static partial void ProjectsFound(ILogger logger, int count, string party);
}
