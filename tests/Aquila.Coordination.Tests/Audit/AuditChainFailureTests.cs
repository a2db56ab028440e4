using Aquila.Coordination.Audit;

namespace Aquila.Coordination.Tests.Audit;

public sealed class AuditChainFailureTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static void Execute(string path, string sql) => SqliteScript.Execute(path, sql);

    [Fact]
    public async Task A_failed_commit_fails_its_appenders_and_the_chain_continues_without_a_gap()
    {
        using var dir = new TempDirectory();
        var path = dir.File("audit.db");
        await using var chain = await AuditTestSupport.OpenAsync(path);
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);
        Execute(path, "CREATE TRIGGER refuse BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'disk full, say'); END");

        await Assert.ThrowsAsync<AuditChainException>(async () => await chain.AppendAsync(AuditTestSupport.BatchAccepted(2), Ct));
        Execute(path, "DROP TRIGGER refuse");
        var next = await chain.AppendAsync(AuditTestSupport.BatchAccepted(3), Ct);

        Assert.Equal(2, next.Sequence);
        Assert.True((await chain.VerifyAsync(null, Ct)).IsValid);
    }

    [Fact]
    public async Task The_head_does_not_move_when_a_commit_fails()
    {
        using var dir = new TempDirectory();
        var path = dir.File("audit.db");
        await using var chain = await AuditTestSupport.OpenAsync(path);
        var first = await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);
        Execute(path, "CREATE TRIGGER refuse BEFORE INSERT ON audit_entries BEGIN SELECT RAISE(ABORT, 'no'); END");

        await Assert.ThrowsAsync<AuditChainException>(async () => await chain.AppendAsync(AuditTestSupport.BatchAccepted(2), Ct));

        Assert.Equal(first.Head, chain.Head);
    }

    [Fact]
    public async Task An_entry_appended_by_another_writer_is_continued_rather_than_forked()
    {
        using var dir = new TempDirectory();
        var path = dir.File("audit.db");
        await using var chain = await AuditTestSupport.OpenAsync(path);
        var first = await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);
        await using (var other = await AuditTestSupport.OpenAsync(path))
        {
            await other.AppendAsync(AuditTestSupport.BatchAccepted(2), Ct);
        }

        var third = await chain.AppendAsync(AuditTestSupport.BatchAccepted(3), Ct);

        Assert.Equal(3, third.Sequence);
        Assert.True((await chain.VerifyAsync([first.Head, third.Head], Ct)).IsValid);
    }

    [Fact]
    public async Task After_an_item_of_a_series_fails_no_later_item_of_it_is_written_while_other_appends_go_on()
    {
        using var dir = new TempDirectory();
        var path = dir.File("audit.db");
        await using var chain = await AuditTestSupport.OpenAsync(path);
        var series = new AuditSeries();
        await chain.AppendManyAsync([AuditTestSupport.BatchAccepted(1), AuditTestSupport.BatchAccepted(2)], series, Ct);
        Execute(path, "CREATE TRIGGER refuse BEFORE INSERT ON audit_entries WHEN NEW.subject = 'batch-00000004' BEGIN SELECT RAISE(ABORT, 'no'); END");

        // Item 5 is queued before item 3-4 fails: it fails with it (same commit group) or unwritten (a later group).
        var failing = chain.AppendManyAsync([AuditTestSupport.BatchAccepted(3), AuditTestSupport.BatchAccepted(4)], series, Ct).AsTask();
        var queuedBehind = chain.AppendManyAsync([AuditTestSupport.BatchAccepted(5)], series, Ct).AsTask();
        await Assert.ThrowsAsync<AuditChainException>(() => failing);
        await Assert.ThrowsAsync<AuditChainException>(() => queuedBehind);
        Execute(path, "DROP TRIGGER refuse");
        var later = await Assert.ThrowsAsync<AuditChainException>(async () =>
            await chain.AppendManyAsync([AuditTestSupport.BatchAccepted(7)], series, Ct));
        var other = await chain.AppendAsync(AuditTestSupport.BatchAccepted(6), Ct);

        Assert.True(series.IsBroken);
        Assert.Contains("series", later.Message, StringComparison.Ordinal);
        Assert.Equal(3, other.Sequence);
        Assert.Equal(["batch-00000001", "batch-00000002", "batch-00000006"], (await chain.ReadAsync(1, 10, Ct)).Select(e => e.Subject));
        Assert.True((await chain.VerifyAsync([chain.Head], Ct)).IsValid);
    }

    [Fact]
    public async Task Items_of_a_series_broken_by_its_appender_are_not_written()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        var series = new AuditSeries();
        await chain.AppendManyAsync([AuditTestSupport.BatchAccepted(1)], series, Ct);

        series.Break();

        await Assert.ThrowsAsync<AuditChainException>(async () => await chain.AppendManyAsync([AuditTestSupport.BatchAccepted(2)], series, Ct));
        Assert.Equal(1, chain.Head.Sequence);
    }
}
