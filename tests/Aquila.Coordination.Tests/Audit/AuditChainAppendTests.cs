using Aquila.Coordination.Audit;
using Aquila.Security;

namespace Aquila.Coordination.Tests.Audit;

public sealed class AuditChainAppendTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_new_chain_is_empty_and_its_head_is_the_zero_hash()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        Assert.Equal(AuditHead.Empty, chain.Head);
    }

    [Fact]
    public async Task Appends_get_consecutive_sequence_numbers_starting_at_one()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        var first = await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);
        var second = await chain.AppendAsync(AuditTestSupport.BatchAccepted(2), Ct);

        Assert.Equal([1L, 2L], [first.Sequence, second.Sequence]);
    }

    [Fact]
    public async Task The_receipt_of_the_latest_append_is_the_head()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);
        var receipt = await chain.AppendAsync(AuditTestSupport.BatchAccepted(2), Ct);

        Assert.Equal(receipt.Head, chain.Head);
    }

    [Fact]
    public async Task The_first_entry_links_to_the_zero_hash_and_each_next_entry_to_its_predecessor()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(2), Ct);

        var entries = await chain.ReadAsync(1, 10, Ct);

        Assert.Equal(AuditHash.Zero, entries[0].PrevHash);
        Assert.Equal(entries[0].Hash, entries[1].PrevHash);
    }

    [Fact]
    public async Task A_stored_entry_hash_is_sha256_of_the_prev_hash_and_the_canonical_bytes()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(2), Ct);

        var entry = (await chain.ReadAsync(2, 1, Ct))[0];
        var expected = System.Security.Cryptography.SHA256.HashData([.. entry.PrevHash.ToArray(), .. AuditEntryEncoding.Encode(entry)]);

        Assert.Equal(AuditHash.FromBytes(expected), entry.Hash);
    }

    [Fact]
    public async Task Reopening_keeps_the_entries_and_the_head()
    {
        using var dir = new TempDirectory();
        var heads = await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 3);

        await using var reopened = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        Assert.Equal(heads[3], reopened.Head);
        Assert.Equal(3, (await reopened.ReadAsync(1, 100, Ct)).Count);
    }

    [Fact]
    public async Task Appending_after_reopening_continues_the_chain()
    {
        using var dir = new TempDirectory();
        var heads = await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 2);
        await using var reopened = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        var receipt = await reopened.AppendAsync(AuditTestSupport.BatchAccepted(3), Ct);
        var entry = (await reopened.ReadAsync(3, 1, Ct))[0];

        Assert.Equal(3, receipt.Sequence);
        Assert.Equal(heads[2].Hash, entry.PrevHash);
    }

    [Fact]
    public async Task Entries_read_back_hold_every_field_that_was_appended()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        var appended = new AuditEvent(
            AuditKind.AuthFailed,
            AuditActor.Anonymous,
            projectId: null,
            subject: "serial-0A1B",
            details: new Dictionary<string, string> { ["reason"] = "revoked", ["fingerprint"] = "ABCD", ["note"] = "ćđ \"quoted\" 😀" });

        var receipt = await chain.AppendAsync(appended, Ct);
        var entry = (await chain.ReadAsync(1, 1, Ct))[0];

        Assert.Equal((AuditKind.AuthFailed, AuditActor.Anonymous, (string?)null, "serial-0A1B"), (entry.Kind, entry.Actor, entry.ProjectId, entry.Subject));
        Assert.Equal(appended.Details, entry.Details);
        Assert.Equal(receipt.Timestamp, entry.Timestamp);
    }

    [Fact]
    public async Task Timestamps_have_millisecond_precision_and_never_go_back_when_the_clock_does()
    {
        using var dir = new TempDirectory();
        var clock = new SteppingClock(new DateTimeOffset(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero).AddTicks(4567));
        await using var chain = await AuditChain.OpenAsync(
            new AuditChainOptions { DatabasePath = dir.File("audit.db") },
            Microsoft.Extensions.Logging.Abstractions.NullLogger<AuditChain>.Instance,
            clock,
            Ct);

        var first = await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);
        clock.Now = clock.Now.AddMinutes(-5);
        var second = await chain.AppendAsync(AuditTestSupport.BatchAccepted(2), Ct);

        Assert.Equal(new DateTimeOffset(2026, 11, 25, 12, 0, 0, 123, TimeSpan.Zero), first.Timestamp);
        Assert.Equal(first.Timestamp, second.Timestamp);
    }

    [Fact]
    public async Task Find_returns_the_entry_of_an_accepted_batch_with_its_original_receipt()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);
        var original = await chain.AppendAsync(AuditTestSupport.BatchAccepted(2), Ct);
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(3), Ct);

        var found = await chain.FindAsync(AuditKind.BatchAccepted, "batch-00000002", Ct);

        Assert.Equal(original, found?.Receipt);
    }

    [Fact]
    public async Task Find_returns_null_for_a_subject_that_has_no_entry_of_that_kind()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct);

        var found = await chain.FindAsync(AuditKind.BatchRefused, "batch-00000001", Ct);

        Assert.Null(found);
    }

    [Fact]
    public async Task Read_returns_at_most_max_entries_from_the_given_sequence()
    {
        using var dir = new TempDirectory();
        await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 5);
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        var entries = await chain.ReadAsync(2, 3, Ct);

        Assert.Equal([2L, 3L, 4L], entries.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Appending_after_dispose_is_refused()
    {
        using var dir = new TempDirectory();
        var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        await chain.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(async () => await chain.AppendAsync(AuditTestSupport.BatchAccepted(1), Ct));
    }

    [Fact]
    public async Task Appends_queued_before_dispose_are_committed()
    {
        using var dir = new TempDirectory();
        var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));
        var pending = Enumerable.Range(1, 50).Select(i => chain.AppendAsync(AuditTestSupport.BatchAccepted(i), Ct).AsTask()).ToArray();

        await chain.DisposeAsync();
        await Task.WhenAll(pending);

        Assert.Equal(50, AuditTestSupport.Scalar(dir.File("audit.db"), "SELECT count(*) FROM audit_entries"));
    }

    [Fact]
    public async Task The_table_refuses_updates_through_plain_sql()
    {
        using var dir = new TempDirectory();
        await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 1);

        var error = Assert.Throws<Microsoft.Data.Sqlite.SqliteException>(
            () => AuditTestSupport.Scalar(dir.File("audit.db"), "UPDATE audit_entries SET kind = 'x'"));

        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_database_uses_write_ahead_logging()
    {
        using var dir = new TempDirectory();
        await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 1);

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=" + dir.File("audit.db") + ";Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";

        Assert.Equal("wal", command.ExecuteScalar() as string);
    }

    [Fact]
    public async Task Opening_a_database_of_another_schema_version_is_refused()
    {
        using var dir = new TempDirectory();
        await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 1);
        AuditTestSupport.Tamper(dir.File("audit.db"), "PRAGMA user_version = 7");

        var error = await Assert.ThrowsAsync<AuditChainException>(() => AuditTestSupport.OpenAsync(dir.File("audit.db")));

        Assert.Contains("schema version 1", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_chain_whose_last_entry_was_edited_is_refused()
    {
        using var dir = new TempDirectory();
        await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 3);
        AuditTestSupport.Tamper(dir.File("audit.db"), "UPDATE audit_entries SET subject = 'batch-ffffffff' WHERE sequence = 3");

        var error = await Assert.ThrowsAsync<AuditChainException>(() => AuditTestSupport.OpenAsync(dir.File("audit.db")));

        Assert.Contains("damaged at entry 3", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_a_chain_whose_second_to_last_entry_was_deleted_is_refused()
    {
        using var dir = new TempDirectory();
        await AuditTestSupport.CreateChainAsync(dir.File("audit.db"), 3);
        AuditTestSupport.Tamper(dir.File("audit.db"), "DELETE FROM audit_entries WHERE sequence = 2");

        var error = await Assert.ThrowsAsync<AuditChainException>(() => AuditTestSupport.OpenAsync(dir.File("audit.db")));

        Assert.Contains("entry 2 is missing", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_not_a_database_gives_a_clear_error()
    {
        using var dir = new TempDirectory();
        await File.WriteAllTextAsync(dir.File("audit.db"), new string('x', 4096), Ct);

        var error = await Assert.ThrowsAsync<AuditChainException>(() => AuditTestSupport.OpenAsync(dir.File("audit.db")));

        Assert.Contains("cannot be opened", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_party_actor_is_stored_as_party_and_role()
    {
        using var dir = new TempDirectory();
        await using var chain = await AuditTestSupport.OpenAsync(dir.File("audit.db"));

        await chain.AppendAsync(new AuditEvent(AuditKind.Feedback, AuditActor.ForParty("BA", PartyRole.Analyst)), Ct);

        var entry = (await chain.ReadAsync(1, 1, Ct))[0];
        Assert.Equal(("BA/analyst", "BA", PartyRole.Analyst), (entry.Actor.Text, entry.Actor.Party, entry.Actor.Role));
    }

    private sealed class SteppingClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
