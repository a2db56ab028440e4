using Aquila.Matching.Telemetry;

namespace Aquila.Matching.Projects;

// The figures the metrics gauges read at collection time: queue depth and index size, per project.
public sealed partial class ProjectMatcher : IMatcherGauges
{
    string IMatcherGauges.ProjectId => Definition.ProjectId;

    MatcherGaugeValues IMatcherGauges.ReadGauges()
    {
        int queued;
        lock (_unapplied)
        {
            queued = _unapplied.Count;
        }

        var (batches, records, oldest) = Stage2Backlog;
        lock (_state)
        {
            var index = _detector.Index;
            return new MatcherGaugeValues(queued, index.EntryCount, index.PostingCount, index.ApproximateBytes)
            {
                Stage2BacklogBatches = batches,
                Stage2BacklogRecords = records,
                Stage2BacklogOldestMs = (long)oldest.TotalMilliseconds,
            };
        }
    }
}
