using Aquila.Matching.Lists;

namespace Aquila.Matching.Tests.Lists;

/// <summary>JointList.QueryManyAsync: several persons of one bulk check answered as single queries, their hits logged together.</summary>
public class JointListBulkTests
{
    [Fact]
    public async Task Each_person_gets_the_answer_of_a_single_query_and_every_hit_is_notified_once()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)), ListTestBed.Entry(3, (0, 40)));
        await ListTestBed.AddAsync(list, "BA", ListTestBed.Entry(2, (0, 30)), ListTestBed.Entry(4, (1, 10)));
        byte[][] persons = [ListTestBed.Tokens((1, 10), (0, 77)), ListTestBed.Tokens((0, 99)), ListTestBed.Tokens((0, 30)), ListTestBed.Tokens((0, 40))];

        var many = await list.QueryManyAsync("ME", "CASE-B", [.. persons.Select(p => (ReadOnlyMemory<byte>)p)], new byte[] { 1, 2, 3 });
        var rsEvents = list.ReadEvents("RS", 0, 10).Where(e => e.Kind == ListHitEventKind.Query).ToList();
        var baEvents = list.ReadEvents("BA", 0, 10).Where(e => e.Kind == ListHitEventKind.Query).ToList();
        var singles = new List<ListQueryOutcome>();
        foreach (var person in persons)
        {
            singles.Add(await list.QueryAsync("ME", "CASE-B", person, TestContext.Current.CancellationToken));
        }

        Assert.Equal(singles.Select(s => string.Join(' ', s.Hits.Select(h => (h.HitId, h.Contributor, h.Band)))),
            many.Select(m => string.Join(' ', m.Hits.Select(h => (h.HitId, h.Contributor, h.Band)))));
        Assert.Equal([2, 0, 1, 1], many.Select(m => m.Hits.Count));
        Assert.Equal(2, rsEvents.Count);
        Assert.Equal(2, baEvents.Count);
        Assert.All(rsEvents.Concat(baEvents), e => Assert.Equal(("ME", "CASE-B"), (e.OtherParty, e.CaseReference)));
    }

    [Fact]
    public async Task A_malformed_person_gets_its_problem_and_the_others_are_answered()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)));

        var many = await list.QueryManyAsync("ME", "CASE-C", [ListTestBed.Tokens((1, 10)), new byte[5], ListTestBed.Tokens((0, 1))], default);

        Assert.True(many[0].IsHit);
        Assert.NotNull(many[1].Problem);
        Assert.False(many[2].IsHit);
        Assert.Null(many[2].Problem);
    }
}
