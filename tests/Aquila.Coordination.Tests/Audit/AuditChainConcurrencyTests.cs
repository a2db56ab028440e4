using Aquila.Coordination.Audit;

namespace Aquila.Coordination.Tests.Audit;

public sealed class AuditChainConcurrencyTests
{
    private const int Tasks = 16;
    private const int AppendsPerTask = 100;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<AuditReceipt[]> AppendConcurrentlyAsync(AuditChain chain)
    {
        var workers = Enumerable.Range(0, Tasks).Select(t => Task.Run(
            async () =>
            {
                var receipts = new List<AuditReceipt>(AppendsPerTask);
                for (var i = 0; i < AppendsPerTask; i++)
                {
                    receipts.Add(await chain.AppendAsync(AuditTestSupport.BatchAccepted((t * AppendsPerTask) + i), Ct));
                }

                return receipts;
            },
            Ct));
        return [.. (await Task.WhenAll(workers)).SelectMany(r => r)];
    }

    [Fact]
    public async Task Concurrent_appends_get_every_sequence_number_exactly_once()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        var receipts = await AppendConcurrentlyAsync(chain);

        Assert.Equal(Enumerable.Range(1, Tasks * AppendsPerTask).Select(i => (long)i), receipts.Select(r => r.Sequence).Order());
        Assert.Equal(Tasks * AppendsPerTask, chain.Head.Sequence);
    }

    [Fact]
    public async Task Concurrent_appends_leave_a_chain_that_verifies_against_every_receipt()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        var receipts = await AppendConcurrentlyAsync(chain);
        var result = await chain.VerifyAsync(receipts.Select(r => r.Head), Ct);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal(Tasks * AppendsPerTask, result.SavedHeadsChecked);
    }

    [Fact]
    public async Task Concurrent_appends_are_committed_in_far_fewer_transactions_than_entries()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        await AppendConcurrentlyAsync(chain);

        // Each task waits for its receipt before its next append, so a group holds at most 16 entries: 100 transactions
        // at best. One transaction per entry would be 1600.
        Assert.InRange(chain.TransactionCount, AppendsPerTask, Tasks * AppendsPerTask / 4);
    }

    [Fact]
    public async Task A_group_never_exceeds_the_configured_batch_size()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"), maxBatchSize: 10);

        await Task.WhenAll(Enumerable.Range(0, 100).Select(i => chain.AppendAsync(AuditTestSupport.BatchAccepted(i), Ct).AsTask()));

        Assert.True(chain.TransactionCount >= 10, $"{chain.TransactionCount} transactions for 100 entries in groups of at most 10");
    }

    [Fact]
    public async Task Verifying_while_appending_sees_a_consistent_prefix()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        var appending = AppendConcurrentlyAsync(chain);

        var result = await chain.VerifyAsync(null, Ct);
        await appending;

        Assert.True(result.IsValid, result.Message);
    }

    [Fact]
    public async Task Hundreds_of_appends_issued_at_once_share_a_few_transactions()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        await Task.WhenAll(Enumerable.Range(0, 500).Select(i => chain.AppendAsync(AuditTestSupport.BatchAccepted(i), Ct).AsTask()));

        Assert.Equal(500, chain.Head.Sequence);
        Assert.InRange(chain.TransactionCount, 1, 25);
    }
}
