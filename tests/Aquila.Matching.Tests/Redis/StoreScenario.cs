using Aquila.Matching.Index;
using Aquila.Matching.Projects;
using Aquila.Matching.Tests.Projects;
using Microsoft.Extensions.Logging.Abstractions;

namespace Aquila.Matching.Tests.Redis;

/// <summary>Definitions, seeded random batches and comparable views of a store, for the tests every store runs.</summary>
internal static class StoreScenario
{
    public static string NewProjectId() => "t" + Guid.NewGuid().ToString("N");

    public static ProjectDefinition Definition(string projectId, int maxFanout = 5, IReadOnlyList<string>? parties = null) => new()
    {
        ProjectId = projectId,
        Parties = parties ?? ProjectTestBed.Parties,
        SchemaHash = Enumerable.Repeat((byte)0x5C, 32).ToArray(),
        Keys = ProjectTestBed.Keys,
        MaxFanout = maxFanout,
    };

    /// <summary>
    /// Seeded batches of the three parties: few token values (so tokens collide across and within parties, and some
    /// cross a fanout of 2), records with one to four tokens, and now and then a handle reused in a later batch.
    /// </summary>
    public static List<(string Party, int BatchNumber, TokenBatch Batch)> RandomBatches(int seed, int batches = 9, int records = 12)
    {
        var random = new Random(seed);
        var result = new List<(string, int, TokenBatch)>();
        for (var b = 0; b < batches; b++)
        {
            var party = random.Next(ProjectTestBed.Parties.Length);
            var batch = new TokenBatch();
            for (var r = 0; r < records; r++)
            {
                var handle = random.Next(4) == 0 ? random.Next(8) : (b * 100) + r + 10;
                batch.AddRecord(ProjectTestBed.Handle(party, handle));
                var tokens = 1 + random.Next(4);
                for (var t = 0; t < tokens; t++)
                {
                    var key = random.Next(ProjectTestBed.Keys.Length);
                    batch.AddToken((byte)key, ProjectTestBed.Token((key * 1000) + random.Next(30)));
                }
            }

            result.Add((ProjectTestBed.Parties[party], b + 1, batch));
        }

        return result;
    }

    public static async Task<SubmitOutcome> SubmitAsync(IProjectTokenStore store, string party, int batch, TokenBatch tokens, int content = -1) =>
        await store.SubmitAsync(party, ProjectTestBed.BatchId(batch), ProjectTestBed.ContentHash(content < 0 ? batch : content), tokens,
            TestContext.Current.CancellationToken);

    /// <summary>The reference: the embedded store, in memory, fed the same batches.</summary>
    public static async Task<StoreView> EmbeddedReferenceAsync(ProjectDefinition definition, IEnumerable<(string Party, int BatchNumber, TokenBatch Batch)> batches)
    {
        using var bed = ProjectTestBed.InMemory();
        await using var matcher = await ProjectMatcher.OpenAsync(definition, bed.Options(), NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        var receipts = new List<string>();
        foreach (var (party, number, batch) in batches)
        {
            receipts.Add(Describe((await SubmitAsync(matcher, party, number, batch)).Receipt!));
        }

        return await ViewAsync(matcher, receipts);
    }

    public static async Task<StoreView> ViewAsync(IProjectTokenStore store, List<string> receipts)
    {
        var events = new List<string>();
        var finals = new List<string>();
        foreach (var party in store.Definition.Parties)
        {
            var stream = await store.ReadHitsAsync(party, 0, int.MaxValue, TestContext.Current.CancellationToken);
            var last = new Dictionary<HitId, string>();
            foreach (var e in stream)
            {
                var text = $"{party} {e.Kind} {Describe(e.Hit)}";
                events.Add(text);
                last[e.Hit.HitId] = $"{party} {Describe(e.Hit)}";
            }

            finals.AddRange(last.Values);
        }

        events.Sort(StringComparer.Ordinal);
        finals.Sort(StringComparer.Ordinal);
        var counts = await store.GetCountsAsync(TestContext.Current.CancellationToken);
        var countText = $"{counts.StrongHits}/{counts.ProbableHits}/{counts.PossibleHits} " + string.Join(' ', counts.Parties);
        return new StoreView(string.Join('\n', receipts), string.Join('\n', events), string.Join('\n', finals), countText);
    }

    public static string Describe(PartyHitView hit) =>
        $"{hit.HitId} {Convert.ToHexString(hit.OwnHandle.ToArray())} {hit.OtherPartyCode} {hit.Band} {string.Join('+', hit.AgreeingKeys)}";

    /// <summary>What a receipt says that both stores agree on (not the LSN or the time).</summary>
    public static string Describe(BatchReceipt receipt) =>
        $"{receipt.Party} {Convert.ToHexString(receipt.BatchId.Span)} {Convert.ToHexString(receipt.ContentHash.Span)} {receipt.Records} {receipt.Tokens} {receipt.NewHitEvents}";
}
