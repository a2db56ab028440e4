using Aquila.Matching.Lists;

namespace Aquila.Matching.Tests.Lists;

/// <summary>
/// <c>QueryAsync</c>'s <c>whileLogging</c>: the caller learns a hit's answer once it has its place in the log, so its own work
/// (the server's audit entry) can run beside the log's fsync; the answer itself still comes back only once durable.
/// </summary>
public class JointListWhileLoggingTests
{
    [Fact]
    public async Task The_caller_is_given_the_hits_it_is_answered_with_and_nothing_for_a_miss()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)));
        var given = new List<IReadOnlyList<ListQueryHit>>();

        var miss = await list.QueryAsync("ME", "CASE-1", ListTestBed.Tokens((1, 11)), static _ => [], 0,
            TestContext.Current.CancellationToken, given.Add);
        var hit = await list.QueryAsync("ME", "CASE-2", ListTestBed.Tokens((1, 10)), static _ => [], 0,
            TestContext.Current.CancellationToken, given.Add);

        Assert.False(miss.IsHit);
        Assert.True(hit.IsHit);
        Assert.Equal(hit.Hits, Assert.Single(given));
    }

    [Fact]
    public async Task A_failing_caller_step_is_thrown_after_the_hit_is_logged_and_applied()
    {
        var bed = new ListTestBed();
        await using var list = await bed.OpenAsync();
        await ListTestBed.AddAsync(list, "RS", ListTestBed.Entry(1, (1, 10)));

        await Assert.ThrowsAsync<InvalidOperationException>(() => list.QueryAsync("ME", "CASE-1", ListTestBed.Tokens((1, 10)),
            static _ => [], 0, TestContext.Current.CancellationToken, static _ => throw new InvalidOperationException("caller's step")));

        // The record was queued before the step ran: it is durable and applied, and the contributor is told of the query.
        Assert.Single(list.ReadEvents("RS", 0, 10));
        Assert.True((await ListTestBed.QueryAsync(list, "ME", "CASE-2", (1, 10))).IsHit);
    }
}
