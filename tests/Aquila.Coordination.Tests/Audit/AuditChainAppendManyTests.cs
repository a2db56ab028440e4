using Aquila.Coordination.Audit;
using Aquila.Security;

namespace Aquila.Coordination.Tests.Audit;

public sealed class AuditChainAppendManyTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Several_entries_appended_as_one_item_get_consecutive_receipts_in_order()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(0), Ct);

        var receipts = await chain.AppendManyAsync([.. Enumerable.Range(1, 5).Select(AuditTestSupport.BatchAccepted)], Ct);

        Assert.Equal([2L, 3L, 4L, 5L, 6L], receipts.Select(r => r.Sequence));
        Assert.Equal(receipts[^1].Head, chain.Head);
        var entries = await chain.ReadAsync(2, 10, Ct);
        Assert.Equal(["batch-00000001", "batch-00000002", "batch-00000003", "batch-00000004", "batch-00000005"], entries.Select(e => e.Subject));
        Assert.Equal(receipts.Select(r => r.Hash), entries.Select(e => e.Hash));
    }

    [Fact]
    public async Task A_chain_appended_in_one_item_has_the_same_entries_as_one_appended_entry_by_entry()
    {
        using var dir = new TempDirectory();
        await using var single = await AuditTestSupport.OpenAsync(dir.File("single.db"));
        await using var many = await AuditTestSupport.OpenAsync(dir.File("many.db"));
        var events = Enumerable.Range(1, 20).Select(AuditTestSupport.BatchAccepted).ToArray();
        foreach (var e in events)
        {
            await single.AppendAsync(e, Ct);
        }

        await many.AppendManyAsync(events, Ct);

        // Timestamps differ between the two chains, so compare the entries' canonical fields and recheck every hash.
        var a = await single.ReadAsync(1, 100, Ct);
        var b = await many.ReadAsync(1, 100, Ct);
        Assert.Equal(a.Select(e => (e.Sequence, e.Kind, e.Subject, e.Details["records"])), b.Select(e => (e.Sequence, e.Kind, e.Subject, e.Details["records"])));
        Assert.True((await many.VerifyAsync([many.Head], Ct)).IsValid);
    }

    [Fact]
    public async Task An_item_larger_than_the_batch_size_is_committed_whole_and_verifies()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"), maxBatchSize: 4);

        var appends = Enumerable.Range(0, 3)
            .Select(k => chain.AppendManyAsync([.. Enumerable.Range((k * 10) + 1, 10).Select(AuditTestSupport.BatchAccepted)], Ct).AsTask())
            .ToArray();
        var receipts = await Task.WhenAll(appends);

        Assert.All(receipts, r => Assert.Equal(Enumerable.Range(0, 9).Select(i => r[0].Sequence + i + 1), r.Skip(1).Select(x => x.Sequence)));
        Assert.Equal(30L, chain.Head.Sequence);
        Assert.True(chain.TransactionCount <= 3);
        Assert.True((await chain.VerifyAsync([chain.Head], Ct)).IsValid);
    }

    [Fact]
    public async Task Single_and_batched_appends_interleave_without_gaps()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        var tasks = new List<Task<long>>();
        for (var k = 0; k < 20; k++)
        {
            tasks.Add(k % 2 == 0
                ? chain.AppendAsync(AuditTestSupport.BatchAccepted(k), Ct).AsTask().ContinueWith(t => t.Result.Sequence, Ct, TaskContinuationOptions.None, TaskScheduler.Default)
                : chain.AppendManyAsync([AuditTestSupport.BatchAccepted(k), AuditTestSupport.BatchAccepted(k + 100)], Ct).AsTask()
                    .ContinueWith(t => t.Result[^1].Sequence, Ct, TaskContinuationOptions.None, TaskScheduler.Default));
        }

        await Task.WhenAll(tasks);

        Assert.Equal(30L, chain.Head.Sequence);
        Assert.Equal(Enumerable.Range(1, 30).Select(i => (long)i), (await chain.ReadAsync(1, 100, Ct)).Select(e => e.Sequence));
        Assert.True((await chain.VerifyAsync([chain.Head], Ct)).IsValid);
    }

    [Fact]
    public async Task An_empty_list_is_refused()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        Assert.Throws<ArgumentException>(() => chain.AppendManyAsync([], Ct));
    }

    [Fact]
    public async Task After_disposal_a_batched_append_is_refused()
    {
        using var dir = new TempDirectory();
        var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        await chain.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => chain.AppendManyAsync([AuditTestSupport.BatchAccepted(1)], Ct));
    }

    [Fact]
    public async Task Batched_entries_carry_the_actor_and_project()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        await chain.AppendManyAsync([AuditTestSupport.BatchAccepted(1), AuditTestSupport.BatchAccepted(2)], Ct);

        var entries = await chain.ReadAsync(1, 10, Ct);
        Assert.All(entries, e => Assert.Equal(AuditActor.ForParty("RS", PartyRole.Node).Text, e.Actor.Text));
        Assert.All(entries, e => Assert.Equal("prj-2026-01", e.ProjectId));
    }
}
