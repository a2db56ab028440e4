using Aquila.Coordination.Audit;

namespace Aquila.Coordination.Tests.Audit;

public sealed class AuditChainVerifierTests
{
    private static AuditVerification Verify(string path, IEnumerable<AuditHead>? savedHeads = null) =>
        AuditChainVerifier.Verify(path, savedHeads, TestContext.Current.CancellationToken);

    [Fact]
    public void A_missing_database_file_is_reported_as_not_found()
    {
        using var dir = new TempDirectory();

        var error = Assert.Throws<FileNotFoundException>(() => Verify(dir.File("missing.db")));

        Assert.Contains("does not exist", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_database_without_an_audit_table_is_refused()
    {
        using var dir = new TempDirectory();
        AuditTestSupport.Tamper(dir.File("other.db"), "CREATE TABLE things (id INTEGER)");

        var error = Assert.Throws<AuditChainException>(() => Verify(dir.File("other.db")));

        Assert.Contains("no Aquila audit chain", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verifying_does_not_modify_the_database_file()
    {
        using var dir = new TempDirectory();
        await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 4);
        var before = await File.ReadAllBytesAsync(dir.File("audit.db"), TestContext.Current.CancellationToken);

        Verify(dir.File("audit.db"));

        Assert.Equal(before, await File.ReadAllBytesAsync(dir.File("audit.db"), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_live_chain_and_the_offline_verifier_agree_on_the_head()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), TestContext.Current.CancellationToken);
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(2), TestContext.Current.CancellationToken);

        var live = await chain.VerifyAsync(null, TestContext.Current.CancellationToken);
        var offline = Verify(dir.File("audit.db"));

        Assert.Equal((chain.Head, chain.Head), (live.VerifiedHead, offline.VerifiedHead));
    }

    [Fact]
    public async Task Saved_heads_round_trip_through_a_heads_file()
    {
        using var dir = new TempDirectory();
        var heads = await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 3);
        await File.WriteAllTextAsync(dir.File("heads.txt"), "# saved by node RS\n\n", TestContext.Current.CancellationToken);
        AuditHeadFile.Append(dir.File("heads.txt"), heads[1]);
        AuditHeadFile.Append(dir.File("heads.txt"), heads[3]);

        var read = AuditHeadFile.Read(dir.File("heads.txt"));

        Assert.Equal([heads[1], heads[3]], read);
        Assert.True(Verify(dir.File("audit.db"), read).IsValid);
    }

    [Fact]
    public void A_bad_line_in_a_heads_file_is_reported_with_its_line_number()
    {
        var text = "1 " + new string('a', 64) + "\n2 not-a-hash\n";

        var error = Assert.Throws<FormatException>(() => AuditHeadFile.Read(new StringReader(text), "heads.txt"));

        Assert.StartsWith("heads.txt, line 2:", error.Message, StringComparison.Ordinal);
    }
}
