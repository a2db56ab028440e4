using Aquila.Node;
using Grpc.Core;

namespace Aquila.Server.Tests.Metrics;

/// <summary>
/// A real Prometheus (Debian's package) with the shipped scrape configuration and alert rules scrapes a real server while a
/// small project runs; the series read back through Prometheus's HTTP API match what the project did.
/// </summary>
[Collection(nameof(ServerCollection))]
public class MetricsPrometheusTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_real_Prometheus_scrapes_the_server_and_its_series_match_the_work_done()
    {
        PrometheusBinary.Require();
        var metrics = fixture.Server.MetricsUri ?? throw new InvalidOperationException("metrics are off in the fixture");
        await using var prometheus = await PrometheusProcess.StartAsync(PrometheusBinary.Path!, metrics.Authority, Cancel);
        Assert.Equal(1, await prometheus.WaitForAsync("up{job=\"aquila\"}", v => v == 1, Patience, Cancel));
        var project = ServerFixture.Project;
        var before = await CountersAsync(prometheus, project);

        var rs = fixture.Tokenize("RS",
            "RS-401,Kovačević,Dragan,Milan,M,1977-08-14,Novi Sad,SRB,,,suspect",
            "RS-402,Ilić,Vesna,,Ž,1983-02-09,,RS,,,suspect");
        var ba = fixture.Tokenize("BA",
            "BA-401,Kovačević,Dragan,Milan,M,1977-08-14,Novi Sad,SRB,,,suspect");
        var (rsChannel, rsClient) = fixture.Connect("RS");
        var (baChannel, baClient) = fixture.Connect("BA");
        var (alChannel, alClient) = fixture.Connect("AL");
        long tokens;
        using (rsChannel)
        using (baChannel)
        using (alChannel)
        {
            var first = await new BatchSubmitter(rsClient).SubmitAsync(rs, null, Cancel);
            var second = await new BatchSubmitter(baClient).SubmitAsync(ba, null, Cancel);
            tokens = first.Tokens + second.Tokens;
            // AL is not in the project's roster: denied, and audited as such.
            await Assert.ThrowsAsync<RpcException>(() => new BatchSubmitter(alClient).SubmitAsync(fixture.Tokenize("AL",
                "AL-1,Hoxha,Arben,,M,1970-01-02,,AL,,,suspect"), null, Cancel));
        }

        // A caller without a certificate: an authentication failure.
        using (var anonymous = fixture.ConnectRaw(null))
        {
            var client = new Protocol.V1.Matching.MatchingClient(anonymous);
            await Assert.ThrowsAsync<RpcException>(async () => await client.GetBatchStatusAsync(
                new Protocol.V1.GetBatchStatusRequest { ProjectId = project, BatchId = Google.Protobuf.ByteString.CopyFrom(new byte[16]) },
                cancellationToken: Cancel));
        }

        var accepted = Selector("aquila_batches_total", project, "outcome=\"accepted\"");
        Assert.Equal(before.Accepted + 2, await prometheus.WaitForAsync(accepted, v => v >= before.Accepted + 2, Patience, Cancel));
        Assert.Equal(before.Tokens + tokens, await prometheus.WaitForAsync(
            Selector("aquila_batch_tokens_total", project), v => v >= before.Tokens + tokens, Patience, Cancel));
        Assert.Equal(before.Applied + tokens, await prometheus.WaitForAsync(
            Selector("aquila_matcher_tokens_applied_total", project), v => v >= before.Applied + tokens, Patience, Cancel));
        // One new hit (the person both RS and BA hold), released as found in this dry-run project.
        Assert.Equal(before.HitEvents + 1, await prometheus.WaitForAsync(
            Selector("aquila_hits_released_total", project), v => v >= before.HitEvents + 1, Patience, Cancel));
        Assert.True(await prometheus.WaitForAsync("sum(aquila_auth_failures_total{kind=\"failed\"})", v => v >= 1, Patience, Cancel) >= 1);
        Assert.True(await prometheus.WaitForAsync("sum(aquila_auth_failures_total{kind=\"denied\",party=\"AL\"})", v => v >= 1, Patience, Cancel) >= 1);
        Assert.True(await prometheus.WaitForAsync("max(aquila_audit_chain_length)", v => v >= 4, Patience, Cancel) >= 4);
        Assert.True(await prometheus.WaitForAsync("sum(aquila_wal_fsync_duration_seconds_count)", v => v >= 2, Patience, Cancel) >= 2);
        Assert.True(await prometheus.WaitForAsync(Selector("aquila_matcher_index_entries", project), v => v > 0, Patience, Cancel) > 0);
        Assert.Equal(1, await prometheus.WaitForAsync("max(aquila_crl_healthy)", v => v == 1, Patience, Cancel));
        Assert.True(await prometheus.WaitForAsync("sum(dotnet_process_memory_working_set_bytes)", v => v > 0, Patience, Cancel) > 0);
        var rules = await prometheus.AlertRuleNamesAsync(Cancel);
        Assert.Contains("AquilaNoIngestProgress", rules);
        Assert.Contains("AquilaWalFsyncSlow", rules);
        Assert.Contains("AquilaAuditWriteFailures", rules);
        Assert.Contains("AquilaCrlStale", rules);
        Assert.Contains("AquilaQueryScanning", rules);
        Assert.Contains("AquilaListQueriesSlow", rules);
        Assert.Contains("AquilaListQuotaExhausted", rules);
    }

    private static string Selector(string metric, string project, string? more = null) =>
        $"sum({metric}{{project=\"{project}\"{(more is null ? "" : "," + more)}}})";

    // Other tests of this class fixture may have used the project already: the checks are on differences.
    private static async Task<(double Accepted, double Tokens, double Applied, double HitEvents)> CountersAsync(
        PrometheusProcess prometheus, string project) =>
        (await prometheus.QueryAsync(Selector("aquila_batches_total", project, "outcome=\"accepted\""), Cancel) ?? 0,
            await prometheus.QueryAsync(Selector("aquila_batch_tokens_total", project), Cancel) ?? 0,
            await prometheus.QueryAsync(Selector("aquila_matcher_tokens_applied_total", project), Cancel) ?? 0,
            await prometheus.QueryAsync(Selector("aquila_hits_released_total", project), Cancel) ?? 0);
}
