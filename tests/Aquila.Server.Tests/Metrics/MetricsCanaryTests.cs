using Aquila.Node;

namespace Aquila.Server.Tests.Metrics;

/// <summary>
/// Plants canary names, dates and record ids in a project's records, runs it (batches, a hit, hits read back) and scans the
/// whole metrics output and every log line of the run: none of the canaries, nor a hit's handle, may appear.
/// </summary>
[Collection(nameof(ServerCollection))]
public class MetricsCanaryTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    private static readonly string[] Canaries =
    [
        "Zorblethwick", "ZORBLETHWICK", "zorblethwick", "Quillvarenne", "QUILLVARENNE", "Threnodiast",
        "CANARY-RS-77311", "CANARY-BA-88422", "1911-11-19", "19.11.1911", "Pliskavograd",
    ];

    [Fact]
    public async Task Neither_the_metrics_nor_the_logs_of_a_run_carry_a_name_a_date_a_record_id_or_a_handle()
    {
        var rs = fixture.Tokenize("RS",
            "CANARY-RS-77311,Zorblethwick,Quillvarenne,Threnodiast,M,19.11.1911.,Pliskavograd,SRB,,,suspect");
        var ba = fixture.Tokenize("BA",
            "CANARY-BA-88422,Zorblethwick,Quillvarenne,Threnodiast,M,1911-11-19,Pliskavograd,SRB,,,suspect");
        var (rsChannel, rsClient) = fixture.Connect("RS");
        var (baChannel, baClient) = fixture.Connect("BA");
        var handles = new List<string>();
        using (rsChannel)
        using (baChannel)
        {
            await new BatchSubmitter(rsClient).SubmitAsync(rs, null, Cancel);
            await new BatchSubmitter(baClient).SubmitAsync(ba, null, Cancel);
            foreach (var hit in await SubmitAndHitsTests.ReadAsync(rsClient, 0))
            {
                handles.Add(Convert.ToHexStringLower(hit.OwnHandle.Span));
                handles.Add(Convert.ToBase64String(hit.OwnHandle.Span));
            }
        }

        Assert.NotEmpty(handles);
        using var http = new HttpClient();
        var metrics = await http.GetStringAsync(fixture.Server.MetricsUri, Cancel);
        Assert.Contains("aquila_batches_total", metrics, StringComparison.Ordinal);
        var logs = string.Join("\n", fixture.Logs.Entries.Select(e => e.Category + " " + e.Message));
        foreach (var canary in Canaries.Concat(handles))
        {
            Assert.DoesNotContain(canary, metrics, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(canary, logs, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task The_parties_mutual_TLS_port_does_not_serve_metrics_and_the_metrics_port_serves_nothing_else()
    {
        var metrics = fixture.Server.MetricsUri!;
        using var http = new HttpClient();

        using var other = await http.GetAsync(new Uri(metrics, "/aquila.v1.Matching/GetBatchStatus"), Cancel);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, other.StatusCode);
        Assert.NotEqual(metrics.Port, fixture.Server.Address.Port);
        Assert.Equal("https", fixture.Server.Address.Scheme);
        Assert.True(System.Net.IPAddress.IsLoopback(System.Net.IPAddress.Parse(metrics.Host)));
    }
}
