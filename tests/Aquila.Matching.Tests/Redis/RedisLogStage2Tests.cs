using Aquila.Matching.Projects;
using Aquila.Matching.Tests.Projects;
using Aquila.Matching.Tests.Stage2;

namespace Aquila.Matching.Tests.Redis;

/// <summary>
/// Stage 2 on the Redis log layout: every instance fits the same model at the same point of the log, so candidates,
/// scores, agreements and stage-2 hits are the embedded store's on every instance, also after a restart.
/// </summary>
[Collection(RedisCollection.Name)]
public sealed class RedisLogStage2Tests(RedisSingleFixture redis) : IClassFixture<RedisSingleFixture>, IDisposable
{
    private readonly TempDirectory _local = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _local.Dispose();

    [Fact]
    public async Task Two_instances_score_like_the_embedded_store_before_and_after_a_restart_and_for_batches_sent_after_the_start()
    {
        redis.Require();
        var reference = Stage2Bed.ScoringDefinition();
        var definition = new ProjectDefinition
        {
            ProjectId = StoreScenario.NewProjectId(),
            Parties = reference.Parties,
            SchemaHash = reference.SchemaHash,
            Keys = reference.Keys,
            MaxFanout = reference.MaxFanout,
            Scoring = reference.Scoring,
        };
        var (rsRecords, baRecords) = Stage2Bed.Population(60);
        var rs = Stage2Bed.Batch(0, rsRecords);
        var ba = Stage2Bed.Batch(1, baRecords);
        var me = Stage2Bed.Batch(2, [baRecords[0], rsRecords[1], Stage2Bed.Person("X", "Zyxqvorthian", "Ana", "01.02.1990", "Ivo", "Bar")]);
        using var bed = ProjectTestBed.InMemory();
        await using var embedded = await bed.OpenAsync(definition);
        await ProjectTestBed.SubmitAsync(embedded, "RS", 1, rs);
        await ProjectTestBed.SubmitAsync(embedded, "BA", 2, ba);
        await embedded.StartScoringAsync(Ct);
        await ProjectTestBed.SubmitAsync(embedded, "ME", 3, me);
        var expected = await EverythingAsync(embedded);

        await using var a = await RedisLogStoreBed.OpenAsync(definition, redis.Connection, _local.File("a"));
        var b = await RedisLogStoreBed.OpenAsync(definition, redis.Connection, _local.File("b"));
        await StoreScenario.SubmitAsync(a, "RS", 1, rs);
        await StoreScenario.SubmitAsync(b, "BA", 2, ba);
        var startedOnA = await a.StartScoringAsync(Ct);
        var startedOnB = await b.StartScoringAsync(Ct);
        await StoreScenario.SubmitAsync(b, "ME", 3, me);

        Assert.True(startedOnA);
        Assert.False(startedOnB);
        Assert.Contains(expected, line => line.Contains("score=0", StringComparison.Ordinal));
        Assert.Equal(expected, await EverythingAsync(a));
        Assert.Equal(expected, await EverythingAsync(b));
        await b.DisposeAsync();
        await using var restarted = await RedisLogStoreBed.OpenAsync(definition, redis.Connection, _local.File("b"));
        await using var fresh = await RedisLogStoreBed.OpenAsync(definition, redis.Connection, _local.File("c"));
        Assert.Equal(expected, await EverythingAsync(restarted));
        Assert.Equal(expected, await EverythingAsync(fresh));
    }

    private static async Task<List<string>> EverythingAsync(IProjectTokenStore store)
    {
        var all = new List<string>();
        foreach (var party in store.Definition.Parties)
        {
            all.AddRange((await store.ReadHitsAsync(party, 0, int.MaxValue, Ct)).Select(e => party + ": " + Stage2Bed.Describe(e)));
        }

        var counts = await store.GetCountsAsync(Ct);
        all.Add($"{counts.StrongHits}/{counts.ProbableHits}/{counts.PossibleHits} " + string.Join(' ', counts.Parties));
        return all;
    }
}
