using System.Collections.Concurrent;
using System.Diagnostics;
using Aquila.Matching.Telemetry;
using Aquila.Node;

namespace Aquila.Server.Tests.Metrics;

/// <summary>A submitted batch leaves one span per stage (encode, write-ahead log, index) under its submission span, seen in-process.</summary>
[Collection(nameof(ServerCollection))]
public class TracingTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_batch_gives_a_submit_span_with_encode_wal_and_index_stages_tagged_with_project_and_batch_id_only()
    {
        var spans = new ConcurrentQueue<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == MatchingActivities.SourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = spans.Enqueue,
        };
        ActivitySource.AddActivityListener(listener);
        var batch = fixture.Tokenize("ME", "ME-TR-1,Quillvarenne,Ostrid,,M,1966-06-16,,ME,,,suspect");
        var (channel, client) = fixture.Connect("ME");
        Protocol.V1.BatchReceipt receipt;
        using (channel)
        {
            receipt = await new BatchSubmitter(client).SubmitAsync(batch, null, Cancel);
        }

        var batchId = Convert.ToHexStringLower(receipt.BatchId.Span);
        var submit = Assert.Single(spans, s => s.OperationName == "aquila.batch.submit" && (string?)s.GetTagItem("aquila.batch_id") == batchId);
        Assert.Equal(ServerFixture.Project, submit.GetTagItem("aquila.project"));
        Assert.Equal("ME", submit.GetTagItem("aquila.party"));
        var stages = spans.Where(s => s.ParentSpanId == submit.SpanId).Select(s => s.OperationName).ToList();
        Assert.Equal(["aquila.batch.encode", "aquila.batch.wal", "aquila.batch.index"], stages);
        var tags = string.Join(" ", spans.SelectMany(s => s.TagObjects).Select(t => t.Value?.ToString()));
        Assert.DoesNotContain("Quillvarenne", tags, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("ME-TR-1", tags, StringComparison.Ordinal);
    }
}
