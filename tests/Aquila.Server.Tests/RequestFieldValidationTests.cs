using System.Diagnostics;
using Aquila.Coordination.Audit;
using Aquila.Protocol.V1;
using Google.Protobuf;
using Grpc.Core;

namespace Aquila.Server.Tests;

/// <summary>
/// Issue 17 item 6: every malformed request gets a proper status and an audit entry, and nothing unchecked reaches a
/// log line or the chain (no megabyte ids, no ANSI escapes, no crash on odd sizes).
/// </summary>
[Collection(nameof(ServerCollection))]
public class RequestFieldValidationTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(41)]
    public async Task A_declared_size_smaller_than_any_batch_file_is_refused_and_audited(long totalBytes)
    {
        var before = fixture.Server.AuditHead.Sequence;

        var error = await SubmitAsync(Start(totalBytes: totalBytes), chunk: new byte[totalBytes]);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("total_bytes must be at least", error.Status.Detail, StringComparison.Ordinal);
        var entry = Assert.Single(await EntriesAsync(before, AuditKind.BatchRefused));
        Assert.Equal(ServerFixture.Project, entry.ProjectId);
    }

    [Fact]
    public async Task A_declared_size_over_the_limit_is_refused_and_audited()
    {
        var before = fixture.Server.AuditHead.Sequence;

        var error = await SubmitAsync(Start(totalBytes: fixture.Options.MaxBatchBytes + 1), chunk: null);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        Assert.Contains("at most", Assert.Single(await EntriesAsync(before, AuditKind.BatchRefused)).Details["reason"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_megabyte_project_id_is_refused_audited_cut_short_and_never_logged_whole()
    {
        var huge = new string('x', 3 << 20);
        var before = fixture.Server.AuditHead.Sequence;
        var logsBefore = fixture.Logs.Entries.Count;

        var error = await GetProjectAsync(huge);

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        Assert.Contains("project_id", error.Status.Detail, StringComparison.Ordinal);
        var entry = Assert.Single(await EntriesAsync(before, AuditKind.RequestRefused));
        Assert.True(entry.Details["value"].Length < 100, entry.Details["value"]);
        Assert.All(fixture.Logs.Entries.Skip(logsBefore), line => Assert.True(line.Message.Length < 1000, line.Category));
        Assert.True((await fixture.Server.Audit.VerifyAsync(null, Cancel)).IsValid);
    }

    [Fact]
    public async Task Ansi_escapes_in_an_id_are_refused_audited_as_printable_text_and_never_reach_the_log()
    {
        var before = fixture.Server.AuditHead.Sequence;
        var logsBefore = fixture.Logs.Entries.Count;

        var error = await GetProjectAsync("p1\u001b[2J\u001b[31mFAKE LOG LINE");

        Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
        var entry = Assert.Single(await EntriesAsync(before, AuditKind.RequestRefused));
        Assert.DoesNotContain('\u001b', entry.Details["value"]);
        Assert.DoesNotContain(fixture.Logs.Entries.Skip(logsBefore), line => line.Message.Contains('\u001b', StringComparison.Ordinal));
    }

    [Fact]
    public async Task Control_characters_in_a_field_of_another_service_are_refused_by_the_same_validator()
    {
        var before = fixture.Server.AuditHead.Sequence;
        var (channel, _) = fixture.Connect("RS");
        using (channel)
        {
            var coordination = new Protocol.V1.Coordination.CoordinationClient(channel);

            var error = await Assert.ThrowsAsync<RpcException>(() =>
                coordination.ShowProjectAsync(new ProjectRef { ProjectId = "p1\u001b]0;owned\u0007" }, cancellationToken: Cancel).ResponseAsync);

            Assert.Equal(StatusCode.InvalidArgument, error.StatusCode);
            Assert.Single(await EntriesAsync(before, AuditKind.RequestRefused));
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(5)]
    [InlineData(64)]
    public async Task A_malformed_batch_id_is_refused_and_audited(int length)
    {
        var before = fixture.Server.AuditHead.Sequence;
        var start = Start(totalBytes: 1000);
        start.Start.BatchId = ByteString.CopyFrom(new byte[length]);
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            var upload = await SubmitAsync(start, chunk: null);
            var status = await Assert.ThrowsAsync<RpcException>(() => client.GetBatchStatusAsync(new GetBatchStatusRequest
            {
                ProjectId = ServerFixture.Project, BatchId = ByteString.CopyFrom(new byte[length]),
            }, cancellationToken: Cancel).ResponseAsync);

            Assert.Equal(StatusCode.InvalidArgument, upload.StatusCode);
            Assert.Equal(StatusCode.InvalidArgument, status.StatusCode);
            Assert.Equal(2, (await EntriesAsync(before, AuditKind.RequestRefused)).Count);
        }
    }

    [Fact]
    public async Task An_abandoned_upload_is_audited()
    {
        var before = fixture.Server.AuditHead.Sequence;
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            using var drop = CancellationTokenSource.CreateLinkedTokenSource(Cancel);
            using (var call = client.SubmitBatch(cancellationToken: drop.Token))
            {
                await call.RequestStream.WriteAsync(Start(totalBytes: 100_000), Cancel);
                await call.RequestStream.WriteAsync(new SubmitBatchRequest { Chunk = ByteString.CopyFrom(new byte[10_000]) }, Cancel);
                await WaitForAsync(() => Directory.GetFiles(Path.Combine(fixture.Options.DataDirectory, "uploads")).Length == 1);
                await drop.CancelAsync();
            }

            await WaitForAsync(async () => (await EntriesAsync(before, AuditKind.BatchRefused)).Count == 1);
            var entry = Assert.Single(await EntriesAsync(before, AuditKind.BatchRefused));
            Assert.Contains("abandoned after 10000 of 100000 bytes", entry.Details["reason"], StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_unary_message_over_4_MiB_refused_by_grpc_before_any_interceptor_is_audited_with_the_callers_party()
    {
        var before = fixture.Server.AuditHead.Sequence;
        using var node = Node.NodeIdentity.Load(fixture.Identities["RS"]);
        // A client without the 4 MiB send limit of AquilaChannel, as an attacker's would be.
        using var channel = fixture.ConnectRaw(node.Certificate);

        var error = await Assert.ThrowsAsync<RpcException>(() => new Protocol.V1.Matching.MatchingClient(channel)
            .GetProjectAsync(new GetProjectRequest { ProjectId = new string('x', 5 << 20) }, cancellationToken: Cancel).ResponseAsync);

        Assert.Equal(StatusCode.ResourceExhausted, error.StatusCode);
        await WaitForAsync(async () => (await EntriesAsync(before, AuditKind.RequestRefused)).Count > 0);
        var entry = Assert.Single(await EntriesAsync(before, AuditKind.RequestRefused));
        Assert.Equal("RS/node", entry.Actor.Text);
        Assert.Equal("message", entry.Details["field"]);
        Assert.Contains("4 MiB", entry.Details["problem"], StringComparison.Ordinal);
        Assert.EndsWith("/GetProject", entry.Details["method"], StringComparison.Ordinal);
        Assert.True((await fixture.Server.Audit.VerifyAsync(null, Cancel)).IsValid);
    }

    private static SubmitBatchRequest Start(long totalBytes) => new()
    {
        Start = new BatchStart
        {
            ProjectId = ServerFixture.Project,
            BatchId = ByteString.CopyFrom(Guid.NewGuid().ToByteArray()),
            TotalBytes = totalBytes,
            Sha256 = ByteString.CopyFrom(new byte[32]),
        },
    };

    private async Task<RpcException> SubmitAsync(SubmitBatchRequest start, byte[]? chunk)
    {
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            using var call = client.SubmitBatch(cancellationToken: Cancel);
            try
            {
                await call.RequestStream.WriteAsync(start, Cancel);
                if (chunk is not null)
                {
                    await call.RequestStream.WriteAsync(new SubmitBatchRequest { Chunk = ByteString.CopyFrom(chunk) }, Cancel);
                }

                await call.RequestStream.CompleteAsync();
            }
            catch (RpcException)
            {
                // Refused while sending: the status is on the response.
            }

            return await Assert.ThrowsAsync<RpcException>(() => call.ResponseAsync);
        }
    }

    private async Task<RpcException> GetProjectAsync(string projectId)
    {
        var (channel, client) = fixture.Connect("RS");
        using (channel)
        {
            return await Assert.ThrowsAsync<RpcException>(() =>
                client.GetProjectAsync(new GetProjectRequest { ProjectId = projectId }, cancellationToken: Cancel).ResponseAsync);
        }
    }

    private async Task<List<AuditEntry>> EntriesAsync(long after, string kind) =>
        (await fixture.Server.Audit.ReadAsync(after + 1, 10_000, Cancel)).Where(e => e.Kind == kind).ToList();

    private static Task WaitForAsync(Func<bool> condition) => WaitForAsync(() => Task.FromResult(condition()));

    // Waits for a state, not a duration: the deadline only keeps a broken server from hanging the run.
    private static async Task WaitForAsync(Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(30), "timed out");
            await Task.Delay(20, Cancel);
        }
    }
}
