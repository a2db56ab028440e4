using Aquila.Coordination.Audit;

namespace Aquila.Coordination.Tests.Audit;

/// <summary>
/// Each test builds a chain of 6 entries, closes it, tampers with the SQLite file the way an operator with write access
/// could, and verifies it read-only.
/// </summary>
public sealed class AuditChainTamperTests
{
    private static AuditVerification Verify(string path, IEnumerable<AuditHead>? savedHeads = null) =>
        AuditChainVerifier.Verify(path, savedHeads, TestContext.Current.CancellationToken);

    private const int Entries = 6;

    private static async Task<(TempDirectory Dir, string Path, AuditHead[] Heads)> ChainAsync()
    {
        var dir = new TempDirectory();
        var path = dir.File("audit.db");
        return (dir, path, await AuditTestSupport.CreateChainAsync(path, Entries));
    }

    [Fact]
    public async Task An_untouched_chain_verifies()
    {
        var (dir, path, heads) = await ChainAsync();
        using var _dir = dir;

        var result = Verify(path, heads[1..]);

        Assert.True(result.IsValid, result.Message);
        Assert.Equal((Entries, heads[Entries], Entries), (result.EntriesChecked, result.VerifiedHead, result.SavedHeadsChecked));
    }

    [Fact]
    public async Task An_empty_chain_verifies()
    {
        using var dir = new TempDirectory();
        await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 0);

        var result = Verify(dir.File("audit.db"));

        Assert.Equal((true, AuditHead.Empty), (result.IsValid, result.VerifiedHead));
    }

    private const string SwapThirdAndFourth = """
        UPDATE audit_entries SET sequence = -1 WHERE sequence = 3;
        UPDATE audit_entries SET sequence = 3 WHERE sequence = 4;
        UPDATE audit_entries SET sequence = 4 WHERE sequence = -1;
        """;

    private const string InsertAfterThird = """
        UPDATE audit_entries SET sequence = sequence + 100 WHERE sequence > 3;
        UPDATE audit_entries SET sequence = sequence - 99 WHERE sequence > 100;
        INSERT INTO audit_entries SELECT 4, timestamp_ms, kind, actor, project_id, 'batch-00000099', details, hash, hash
            FROM audit_entries WHERE sequence = 3;
        """;

    [Theory]
    [InlineData("an edited detail", """UPDATE audit_entries SET details = '{"records":"1","tokens":"7000"}' WHERE sequence = 3""",
        AuditProblem.HashMismatch, 3L)]
    [InlineData("an edited kind", "UPDATE audit_entries SET kind = 'batch.refused' WHERE sequence = 2", AuditProblem.HashMismatch, 2L)]
    [InlineData("an edited timestamp", "UPDATE audit_entries SET timestamp_ms = timestamp_ms - 1 WHERE sequence = 5",
        AuditProblem.HashMismatch, 5L)]
    [InlineData("a deleted middle entry", "DELETE FROM audit_entries WHERE sequence = 4", AuditProblem.Gap, 4L)]
    [InlineData("a deleted middle entry with the rest renumbered",
        "DELETE FROM audit_entries WHERE sequence = 4; UPDATE audit_entries SET sequence = sequence - 1 WHERE sequence > 4",
        AuditProblem.BrokenLink, 4L)]
    [InlineData("two swapped entries", SwapThirdAndFourth, AuditProblem.BrokenLink, 3L)]
    [InlineData("an inserted entry without recomputed hashes", InsertAfterThird, AuditProblem.HashMismatch, 4L)]
    [InlineData("a row with unreadable details", """UPDATE audit_entries SET details = '{"a":"1","a":"2"}' WHERE sequence = 2""",
        AuditProblem.MalformedEntry, 2L)]
    public async Task A_tampered_chain_is_reported_at_the_first_bad_entry_without_saved_heads(string tampering, string sql,
        AuditProblem problem, long firstBadSequence)
    {
        _ = tampering;
        var (dir, path, _) = await ChainAsync();
        using var _dir = dir;
        AuditTestSupport.Tamper(path, sql);

        var result = Verify(path);

        Assert.Equal((problem, firstBadSequence), (result.Problem, result.FirstBadSequence));
    }

    [Fact]
    public async Task Without_saved_heads_a_deleted_last_entry_cannot_be_detected()
    {
        // Documented limit: a truncated tail is a valid shorter chain. Only a node's saved head exposes it.
        var (dir, path, heads) = await ChainAsync();
        using var _dir = dir;
        AuditTestSupport.Tamper(path, $"DELETE FROM audit_entries WHERE sequence = {Entries}");

        var result = Verify(path);

        Assert.Equal((true, heads[Entries - 1]), (result.IsValid, result.VerifiedHead));
    }

    [Theory]
    [InlineData("a deleted last entry", "DELETE FROM audit_entries WHERE sequence = 6", false, new[] { 2, 6 },
        AuditProblem.SavedHeadMissing, 6L)]
    [InlineData("two swapped entries with recomputed hashes", SwapThirdAndFourth, true, new[] { 5 }, AuditProblem.SavedHeadMismatch, 5L)]
    [InlineData("an inserted entry with recomputed hashes", InsertAfterThird, true, new[] { 2, 4 }, AuditProblem.SavedHeadMismatch, 4L)]
    [InlineData("a whole chain rewritten with recomputed hashes", "UPDATE audit_entries SET actor = 'ME/node'", true, new[] { 6 },
        AuditProblem.SavedHeadMismatch, 6L)]
    public async Task A_tampered_chain_that_verifies_alone_is_exposed_by_a_node_saved_head(string tampering, string sql, bool rehash,
        int[] savedHeads, AuditProblem problem, long firstBadSequence)
    {
        _ = tampering;
        var (dir, path, heads) = await ChainAsync();
        using var _dir = dir;
        AuditTestSupport.Tamper(path, sql);
        if (rehash)
        {
            AuditTestSupport.RehashAll(path);
        }

        Assert.True(Verify(path).IsValid);
        var result = Verify(path, [.. savedHeads.Select(sequence => heads[sequence])]);
        Assert.Equal((problem, (long?)firstBadSequence), (result.Problem, result.FirstBadSequence));
    }

    [Fact]
    public async Task A_saved_head_that_does_not_belong_to_the_chain_is_reported()
    {
        var (dir, path, heads) = await ChainAsync();
        using var _dir = dir;
        var foreign = new AuditHead(3, heads[4].Hash);

        var result = Verify(path, [foreign]);

        Assert.Equal((AuditProblem.SavedHeadMismatch, 3L), (result.Problem, result.FirstBadSequence));
    }

    [Fact]
    public async Task A_failed_verification_names_the_last_good_entry()
    {
        var (dir, path, heads) = await ChainAsync();
        using var _dir = dir;
        AuditTestSupport.Tamper(path, "UPDATE audit_entries SET subject = NULL WHERE sequence = 4");

        var result = Verify(path);

        Assert.Equal((heads[3], 3L), (result.VerifiedHead, result.EntriesChecked));
    }

    [Fact]
    public async Task The_message_names_sequence_numbers_but_no_entry_content()
    {
        var (dir, path, _) = await ChainAsync();
        using var _dir = dir;
        AuditTestSupport.Tamper(path, "UPDATE audit_entries SET subject = 'canary-subject-Zx9' WHERE sequence = 4");

        var result = Verify(path);

        Assert.Contains("Entry 4", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("canary", result.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("batch-", result.Message, StringComparison.Ordinal);
    }
}
