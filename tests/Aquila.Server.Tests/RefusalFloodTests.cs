using System.Globalization;
using Aquila.Coordination.Audit;
using Aquila.Protocol.V1;
using Grpc.Core;
using Grpc.Net.Client;

namespace Aquila.Server.Tests;

/// <summary>
/// Issue 17 item 3: anyone on the network can call the server without a certificate. Repeated refusals must collapse
/// into counted entries (the counts add up), while every distinct refusal is still audited.
/// </summary>
[Collection(nameof(ServerCollection))]
public class RefusalFloodTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const int Calls = 2000;
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    [Fact]
    public async Task Two_thousand_unauthenticated_calls_add_a_bounded_number_of_counted_audit_entries_and_log_lines()
    {
        await fixture.RestartAsync(); // summaries of earlier tests' refusals are written now, not counted below
        var before = fixture.Server.AuditHead.Sequence;
        var logsBefore = fixture.Logs.Entries.Count;
        using (var channel = fixture.ConnectRaw(clientCertificate: null))
        {
            await FloodAsync(channel, Calls);
        }

        // What a deployment logs (Information and up; the fixture also captures Debug).
        var logLines = fixture.Logs.Entries.Skip(logsBefore).Where(l => l.Level >= Microsoft.Extensions.Logging.LogLevel.Information).ToList();
        await fixture.RestartAsync(); // the summary of the interval is written at shutdown at the latest
        var entries = await AuthFailuresAfterAsync(before);

        Assert.InRange(entries.Count, 1, 4);
        Assert.Equal(Calls, entries.Sum(e => long.Parse(e.Details["count"], CultureInfo.InvariantCulture)));
        Assert.True(logLines.Count is >= 1 and <= 8,
            logLines.Count + " log lines, e.g. " + string.Join(" | ", logLines.Take(5).Select(l => l.Category + ": " + l.Message)));
        Assert.True((await fixture.Server.Audit.VerifyAsync(null, Cancel)).IsValid);
    }

    [Fact]
    public async Task A_distinct_refusal_during_a_flood_gets_its_own_entry_at_once()
    {
        using (var channel = fixture.ConnectRaw(clientCertificate: null))
        {
            await FloodAsync(channel, 200);
        }

        var before = fixture.Server.AuditHead.Sequence;
        var (revoked, client) = fixture.Connect("RS-revoked");
        using (revoked)
        {
            var error = await Assert.ThrowsAsync<RpcException>(() =>
                client.GetProjectAsync(new GetProjectRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel).ResponseAsync);
            Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
        }

        var entries = await AuthFailuresAfterAsync(before);
        var entry = Assert.Single(entries);
        Assert.Contains("revoked", entry.Details["reason"], StringComparison.OrdinalIgnoreCase);
        Assert.Equal("1", entry.Details["count"]);
    }

    private static async Task FloodAsync(GrpcChannel channel, int calls)
    {
        var client = new Protocol.V1.Matching.MatchingClient(channel);
        const int AtOnce = 16;
        for (var sent = 0; sent < calls; sent += AtOnce)
        {
            var wave = new Task[Math.Min(AtOnce, calls - sent)];
            for (var i = 0; i < wave.Length; i++)
            {
                wave[i] = RefusedAsync(client);
            }

            await Task.WhenAll(wave);
        }
    }

    private static async Task RefusedAsync(Protocol.V1.Matching.MatchingClient client)
    {
        var error = await Assert.ThrowsAsync<RpcException>(() =>
            client.GetProjectAsync(new GetProjectRequest { ProjectId = ServerFixture.Project }, cancellationToken: Cancel).ResponseAsync);
        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }

    private async Task<List<AuditEntry>> AuthFailuresAfterAsync(long sequence)
    {
        var entries = await fixture.Server.Audit.ReadAsync(sequence + 1, 100_000, Cancel);
        return entries.Where(e => e.Kind == AuditKind.AuthFailed).ToList();
    }
}
