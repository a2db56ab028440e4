using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Aquila.Coordination.Audit;
using Aquila.Coordination.Telemetry;
using Aquila.Coordination.Tests.Audit;
using Aquila.Security;

namespace Aquila.Coordination.Tests.Telemetry;

public class AuditMetricsTests
{
    private static readonly CancellationToken Ct = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Committed_audit_entries_are_counted_by_project_party_and_outcome_and_no_label_carries_a_subject_or_text()
    {
        var project = "metrics-" + Guid.NewGuid().ToString("N")[..8];
        var measurements = new ConcurrentQueue<(string Instrument, long Value, Dictionary<string, string> Tags)>();
        using var listener = Listen(measurements);
        using var dir = new TempDirectory();
        await using (var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db")))
        {
            var rs = AuditActor.ForParty("RS", PartyRole.Node);
            await chain.AppendAsync(new AuditEvent(AuditKind.BatchAccepted, rs, project, "0123456789abcdef0123456789abcdef",
                new Dictionary<string, string> { ["records"] = "3", ["tokens"] = "21" }), Ct);
            await chain.AppendAsync(new AuditEvent(AuditKind.BatchRefused, rs, project, "fedcba9876543210fedcba9876543210",
                new Dictionary<string, string> { ["reason"] = "Batch refused: it was built with schema sha256:ab12, record Zorblethwick" }), Ct);
            await chain.AppendAsync(new AuditEvent(AuditKind.Query, rs, project, "hit-77aa",
                new Dictionary<string, string> { ["outcome"] = "no-hit", ["case_reference"] = "CASE-Zorblethwick-1" }), Ct);
        }

        var ours = measurements.Where(m => m.Tags.GetValueOrDefault("project") == project).ToList();
        Assert.Equal(1, ours.Where(m => m.Instrument == "aquila.batches" && m.Tags["outcome"] == "accepted").Sum(m => m.Value));
        Assert.Equal(21, ours.Where(m => m.Instrument == "aquila.batch.tokens" && m.Tags["party"] == "RS").Sum(m => m.Value));
        Assert.Equal("schema", Assert.Single(ours, m => m.Instrument == "aquila.batches" && m.Tags["outcome"] == "refused").Tags["reason"]);
        Assert.Equal("no-hit", Assert.Single(ours, m => m.Instrument == "aquila.queries").Tags["outcome"]);
        Assert.Equal(3, ours.Count(m => m.Instrument == "aquila.audit.entries"));
        var labels = string.Join(" ", ours.SelectMany(m => m.Tags.Values));
        Assert.DoesNotContain("Zorblethwick", labels, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("0123456789abcdef", labels, StringComparison.Ordinal);
        Assert.DoesNotContain("hit-77aa", labels, StringComparison.Ordinal);
    }

    private static MeterListener Listen(ConcurrentQueue<(string, long, Dictionary<string, string>)> into)
    {
        var listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Name == AuditMetrics.MeterName)
                {
                    l.EnableMeasurementEvents(instrument);
                }
            },
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            var map = new Dictionary<string, string>();
            foreach (var tag in tags)
            {
                map[tag.Key] = tag.Value?.ToString() ?? "";
            }

            into.Enqueue((instrument.Name, value, map));
        });
        listener.Start();
        return listener;
    }
}
