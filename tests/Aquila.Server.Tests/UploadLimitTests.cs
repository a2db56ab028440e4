using System.Diagnostics;
using Aquila.Coordination.Audit;
using Aquila.Node;
using Aquila.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>
/// Issue 17 item 4: one node certificate must not exhaust the server with unfinished uploads. Uploads are spooled to
/// files (not memory), capped per party and overall, and everything is freed when the clients go away.
/// </summary>
[Collection(nameof(ServerCollection))]
public class UploadLimitTests(UploadLimitFixture fixture) : IClassFixture<UploadLimitFixture>
{
    private const long Declared = 900_000;
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Unfinished_uploads_beyond_the_caps_are_refused_and_everything_is_freed_when_the_clients_drop()
    {
        var (rsChannel, rs) = fixture.Connect("RS");
        var (baChannel, ba) = fixture.Connect("BA");
        using var drop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
        using (rsChannel)
        using (baChannel)
        {
            var before = fixture.Server.AuditHead.Sequence;
            var open = new[] { await OpenAsync(rs, drop.Token), await OpenAsync(rs, drop.Token) };
            await WaitForAsync(() => fixture.SpoolFiles == 2, "two spool files");

            var perParty = await RefusedAsync(rs);
            var third = await OpenAsync(ba, drop.Token);
            await WaitForAsync(() => fixture.SpoolFiles == 3, "three spool files");
            var overall = await RefusedAsync(ba);

            Assert.Equal(StatusCode.ResourceExhausted, perParty.StatusCode);
            Assert.Contains("party RS already has 2 uploads in progress", perParty.Status.Detail, StringComparison.Ordinal);
            Assert.Equal(StatusCode.ResourceExhausted, overall.StatusCode);
            Assert.Contains("the most it takes at once", overall.Status.Detail, StringComparison.Ordinal);

            await drop.CancelAsync();
            foreach (var call in open.Append(third))
            {
                call.Dispose();
            }

            await WaitForAsync(() => fixture.SpoolFiles == 0, "no spool file once the clients dropped");
            var refused = await RefusedEntriesAsync(before);
            Assert.Equal(2, refused.Count(e => e.Details["reason"].Contains("uploads in progress", StringComparison.Ordinal)
                || e.Details["reason"].Contains("the most it takes at once", StringComparison.Ordinal)));
            await WaitForAsync(async () => (await RefusedEntriesAsync(before)).Count(e =>
                e.Details["reason"].Contains("abandoned after", StringComparison.Ordinal)) == 3, "three abandoned uploads audited");

            // The slots were given back: the party can upload again.
            var batch = fixture.Tokenize("RS", "RS-80,Kovač,Ivan,,M,1975-09-09,,RS,,,suspect");
            var receipt = await new BatchSubmitter(rs).SubmitAsync(batch, null, Cancel);
            Assert.True(receipt.Records > 0);
        }
    }

    [Fact]
    public async Task An_upload_that_sends_nothing_for_the_idle_timeout_is_abandoned_and_audited()
    {
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            var before = fixture.Server.AuditHead.Sequence;
            using var call = await OpenAsync(client, Cancel);

            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

            Assert.Equal(StatusCode.DeadlineExceeded, error.StatusCode);
            var entry = Assert.Single(await RefusedEntriesAsync(before));
            Assert.Contains("nothing arrived", entry.Details["reason"], StringComparison.Ordinal);
            await WaitForAsync(() => fixture.SpoolFiles == 0, "no spool file left");
        }
    }

    [Fact]
    public async Task A_message_over_four_mebibytes_is_refused_and_audited_without_being_buffered()
    {
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            var before = fixture.Server.AuditHead.Sequence;
            using var call = client.SubmitBatch(cancellationToken: Cancel);
            await call.RequestStream.WriteAsync(Start(), Cancel);
            var send = call.RequestStream.WriteAsync(new SubmitBatchRequest { Chunk = ByteString.CopyFrom(new byte[5 << 20]) }, Cancel);

            var error = await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);

            // grpc-dotnet checks the size once the whole message is buffered, and HTTP/2 flow control lets no more than
            // the stream window in: so the message is refused (RESOURCE_EXHAUSTED) or, stalled, cut off as idle.
            Assert.True(error.StatusCode is StatusCode.ResourceExhausted or StatusCode.DeadlineExceeded, error.Status.ToString());
            Assert.Single(await RefusedEntriesAsync(before));
            await Assert.ThrowsAnyAsync<Exception>(() => send);
        }
    }

    [Fact]
    public async Task Spool_files_left_by_a_crash_are_removed_at_start()
    {
        var leftOver = Path.Combine(fixture.SpoolDirectory, "0123456789abcdef0123456789abcdef.upload");
        await File.WriteAllBytesAsync(leftOver, new byte[4096], Cancel);

        await fixture.RestartAsync();

        Assert.False(File.Exists(leftOver));
    }

    // An upload that declares a batch, sends part of it and then waits.
    private static async Task<AsyncClientStreamingCall<SubmitBatchRequest, BatchReceipt>> OpenAsync(
        Protocol.V1.Matching.MatchingClient client, CancellationToken cancellationToken)
    {
        var call = client.SubmitBatch(cancellationToken: cancellationToken);
        await call.RequestStream.WriteAsync(Start(), cancellationToken);
        await call.RequestStream.WriteAsync(new SubmitBatchRequest { Chunk = ByteString.CopyFrom(new byte[256 << 10]) }, cancellationToken);
        return call;
    }

    private static async Task<RpcException> RefusedAsync(Protocol.V1.Matching.MatchingClient client)
    {
        using var call = client.SubmitBatch(cancellationToken: Cancel);
        try
        {
            await call.RequestStream.WriteAsync(Start(), Cancel);
        }
        catch (RpcException)
        {
            // Refused while sending: the status is on the response.
        }

        return await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
    }

    private static SubmitBatchRequest Start() => new()
    {
        Start = new BatchStart
        {
            ProjectId = ServerFixture.Project,
            BatchId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            TotalBytes = Declared,
            Sha256 = ByteString.CopyFrom(new byte[32]),
        },
    };

    private async Task<List<AuditEntry>> RefusedEntriesAsync(long after) =>
        (await fixture.Server.Audit.ReadAsync(after + 1, 10_000, Cancel)).Where(e => e.Kind == AuditKind.BatchRefused).ToList();

    private static Task WaitForAsync(Func<bool> condition, string what) => WaitForAsync(() => Task.FromResult(condition()), what);

    // Waits for a state, not a duration: the deadline only keeps a broken server from hanging the run.
    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "timed out waiting for " + what);
            await Task.Delay(20, Cancel);
        }
    }
}
