using Microsoft.Extensions.Logging;

namespace Aquila.Coordination.Projects;

// Log messages of the project store (EventIds 4100–4149): project ids, party codes, states, counts, hit ids — never
// free text, fingerprints or follow-up references.
internal static partial class ProjectStoreLog
{
    [LoggerMessage(EventId = 4100, EventName = "Opened", Level = LogLevel.Information, Message = "Project store {Path} opened with {Count} projects")]
    public static partial void Opened(ILogger logger, string path, long count);

    [LoggerMessage(EventId = 4101, EventName = "Changed", Level = LogLevel.Information,
        Message = "Project {ProjectId}: {Action} by {Caller}, now {State} (version {Version})")]
    public static partial void Changed(ILogger logger, string projectId, string action, string caller, ProjectState state, long version);

    [LoggerMessage(EventId = 4102, EventName = "Refused", Level = LogLevel.Warning, Message = "Project {ProjectId}: {Action} by {Caller} refused ({Kind})")]
    public static partial void Refused(ILogger logger, string projectId, string action, string caller, ProjectRuleKind kind);

    [LoggerMessage(EventId = 4103, EventName = "FeedbackRecorded", Level = LogLevel.Information, Message = "Project {ProjectId}: {Verdict} feedback by {Caller} on hit {HitId}")]
    public static partial void FeedbackRecorded(ILogger logger, string projectId, FeedbackVerdict verdict, string caller, string hitId);

    [LoggerMessage(EventId = 4104, EventName = "Purged", Level = LogLevel.Information, Message = "Project {ProjectId} purged by {Caller}; {Hits} hits retained")]
    public static partial void Purged(ILogger logger, string projectId, string caller, int hits);

    [LoggerMessage(EventId = 4105, EventName = "Closed", Level = LogLevel.Information, Message = "Project store {Path} closed")]
    public static partial void Closed(ILogger logger, string path);
}
