using System.Diagnostics;

namespace Aquila.Matching.Telemetry;

/// <summary>
/// Trace spans of a batch's way through a project matcher (source <see cref="SourceName"/>): <c>aquila.batch.submit</c> with
/// children <c>aquila.batch.encode</c> (re-key and encode the log record), <c>aquila.batch.wal</c> (wait until durable) and
/// <c>aquila.batch.index</c> (apply to the index, find hits). Tags: project id, party code, batch id — never a token or handle.
/// Without a listener (tracing off, the default) no span is created.
/// </summary>
public static class MatchingActivities
{
    /// <summary>The source's name, for <c>AddSource</c> in a host.</summary>
    public const string SourceName = "Aquila.Matching";

    private static readonly ActivitySource Source = new(SourceName, "1.0");

    /// <summary>The span of one submission, or null when nobody listens.</summary>
    public static Activity? StartSubmit(string projectId, string party, string batchIdHex)
    {
        var activity = Source.StartActivity("aquila.batch.submit");
        activity?.SetTag("aquila.project", projectId).SetTag("aquila.party", party).SetTag("aquila.batch_id", batchIdHex);
        return activity;
    }

    /// <summary>A stage of the current submission (<c>encode</c>, <c>wal</c>, <c>index</c>), or null when nobody listens.</summary>
    public static Activity? StartStage(string stage, string projectId)
    {
        var activity = Source.StartActivity("aquila.batch." + stage);
        activity?.SetTag("aquila.project", projectId);
        return activity;
    }
}
