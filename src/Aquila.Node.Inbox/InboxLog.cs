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
}
