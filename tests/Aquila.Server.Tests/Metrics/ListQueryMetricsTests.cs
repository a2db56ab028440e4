using System.Text.RegularExpressions;
using Aquila.Server.Tests.Lists;
using Grpc.Core;

namespace Aquila.Server.Tests.Metrics;

/// <summary>
/// Real list queries over mutual TLS (a hit, a no-hit, one over the daily quota) show on the metrics listener as query latency
/// by outcome and refusals by reason, labelled with list ids, party codes, outcomes and reason codes only.
/// </summary>
[Collection(nameof(ServerCollection))]
public partial class ListQueryMetricsTests(ServerFixture fixture) : IClassFixture<ServerFixture>
{
    private const string Listed = "X,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect";
    private const string Stranger = "X,Horvat,Ana,,Ž,1975-07-21,Zagreb,HR,,,other";
    private const string Duration = "aquila_list_query_duration_seconds";
    private const string Refusals = "aquila_list_query_refusals_total";

    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private static readonly string[] Parties = ["RS", "BA", "ME", "AL"];
    private static readonly string[] Outcomes = ["hit", "no-hit", "refused"];
    private static readonly string[] Reasons =
        ["case-reference", "officer-id", "schema", "tokens", "clock", "signature", "nonce", "quota"];

    [Fact]
    public async Task Hits_no_hits_and_quota_refusals_appear_as_latency_by_outcome_and_refusals_by_reason()
    {
        var quota = ListScenario.TokenCount(Listed) + ListScenario.TokenCount(Stranger);
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], [], quota, Coordination.Projects.ListAccess.Explicit);
        await list.ChangeAsync("RS", Protocol.V1.ListChangeKind.Add, "RS-71" + Listed[1..] + ",2031-12-31");

        Assert.True((await list.QueryAsync("BA", Listed)).Hit);
        Assert.False((await list.QueryAsync("BA", Stranger, "CASE-2")).Hit);
        var refused = await Assert.ThrowsAsync<RpcException>(() => list.QueryAsync("BA", Stranger, "CASE-3"));
        Assert.Equal(StatusCode.ResourceExhausted, refused.StatusCode);

        var series = await ScrapeAsync(s => ScrapedSeries.Sum(s, Duration + "_count", ("project", list.Id)) >= 3
            && ScrapedSeries.Sum(s, Refusals, ("project", list.Id)) >= 1);
        Assert.Equal(1, ScrapedSeries.Sum(series, Duration + "_count", ("project", list.Id), ("party", "BA"), ("outcome", "hit")));
        Assert.Equal(1, ScrapedSeries.Sum(series, Duration + "_count", ("project", list.Id), ("party", "BA"), ("outcome", "no-hit")));
        Assert.Equal(1, ScrapedSeries.Sum(series, Duration + "_count", ("project", list.Id), ("party", "BA"), ("outcome", "refused")));
        Assert.True(ScrapedSeries.Sum(series, Duration + "_sum", ("project", list.Id)) > 0);
        Assert.Equal(1, ScrapedSeries.Sum(series, Refusals, ("project", list.Id), ("party", "BA"), ("reason", "quota")));
        Assert.Equal(1, ScrapedSeries.Sum(series, Refusals, ("project", list.Id)));
    }

    [Fact]
    public async Task Every_label_of_the_query_series_is_a_list_id_a_party_code_an_outcome_or_a_reason_code()
    {
        using var list = await ListScenario.OpenAsync(fixture, ["RS", "BA"], [], access: Coordination.Projects.ListAccess.Explicit);
        await list.ChangeAsync("RS", Protocol.V1.ListChangeKind.Add, "RS-72" + Listed[1..] + ",2031-12-31");
        await list.QueryAsync("BA", Listed, "CASE-CANARY-4711");
        var unsigned = list.Signed("BA", Stranger, "CASE-CANARY-4712");
        unsigned.Signature = Google.Protobuf.ByteString.CopyFrom(new byte[unsigned.Signature.Length]);
        await Assert.ThrowsAsync<RpcException>(() => list.Client("BA").QueryAsync(unsigned, Cancel));

        var series = (await ScrapeAsync(s => ScrapedSeries.Sum(s, Duration + "_count", ("project", list.Id)) >= 2
            && ScrapedSeries.Sum(s, Refusals, ("project", list.Id)) >= 1)).Where(s => s.Name.StartsWith("aquila_list_query_", StringComparison.Ordinal)).ToList();

        Assert.Equal(1, ScrapedSeries.Sum(series, Refusals, ("project", list.Id), ("reason", "signature")));
        Assert.All(series, s => Assert.All(s.Labels, label =>
        {
            var allowed = label.Key switch
            {
                "project" => ListId().IsMatch(label.Value) || label.Value == ServerFixture.Project,
                "party" => Parties.Contains(label.Value),
                "outcome" => Outcomes.Contains(label.Value),
                "reason" => Reasons.Contains(label.Value),
                "le" => true,
                _ => label.Key.StartsWith("otel_scope_", StringComparison.Ordinal) && !label.Value.Contains("CANARY", StringComparison.Ordinal),
            };
            Assert.True(allowed, $"{s.Name}: label {label.Key}=\"{label.Value}\"");
        }));
    }

    // The exporter serves a cached scrape for a moment (ScrapeResponseCacheDurationMilliseconds): an earlier test's scrape
    // can be answered again, so scrape until the calls just made are in (the assertions then check the exact counts).
    private async Task<List<ScrapedSeries>> ScrapeAsync(Func<List<ScrapedSeries>, bool> complete)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var series = ScrapedSeries.Parse(await http.GetStringAsync(fixture.Server.MetricsUri, Cancel));
            if (complete(series) || DateTime.UtcNow > deadline)
            {
                return series;
            }

            await Task.Delay(100, Cancel);
        }
    }

    [GeneratedRegex("^fl-[0-9a-f]{8}$")]
    private static partial Regex ListId();
}
