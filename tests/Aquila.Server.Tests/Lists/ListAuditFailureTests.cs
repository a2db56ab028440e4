using Aquila.Coordination.Audit;
using Aquila.Protocol.V1;
using Aquila.Security.Lists;
using Grpc.Core;

namespace Aquila.Server.Tests.Lists;

/// <summary>
/// A list's log or the audit store failing in the middle of a query or a bulk check (issue 21): no one gets an answer
/// without an audit entry, and the audit trail says what was not answered. Failures are injected into the real stores: a
/// file system that fails the next flush under the list's log, an SQLite trigger that refuses one person's audit entry.
/// </summary>
[Collection(nameof(ServerCollection))]
public class ListAuditFailureTests(RestartFixture fixture) : IClassFixture<RestartFixture>
{
    private const string Future = "2031-12-31";
    private const string Stojanovic = "X,Stojanović,Miloš,Dragan,M,1982-05-04,Niš,SRB,,,suspect";
    private const string Stranger = "X,Horvat,Ana,,Ž,1975-07-21,Zagreb,HR,,,other";
    private const string Kovac = "X,Kovač,Petra,,Ž,1991-10-10,,ME,,,suspect";

    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;

    // A list whose log lives on a file system the test can make fail (the lists of other tests stay on the disk).
    private async Task<(ListScenario List, FaultInjectingFileSystem Disk)> ListOnFailingDiskAsync()
    {
        var disk = new FaultInjectingFileSystem();
        fixture.Server.Lists.FileSystem = disk;
        try
        {
            return (await ListAsync(), disk);
        }
        finally
        {
            fixture.Server.Lists.FileSystem = Matching.Storage.PhysicalFileSystem.Instance;
        }
    }

    // RS lists the person ME asks about; ME gives an entry too, so it may ask (reciprocity).
    private async Task<ListScenario> ListAsync()
    {
        var list = await ListScenario.OpenAsync(fixture, ["RS", "BA", "ME"], ["AL"]);
        await list.ChangeAsync("RS", Protocol.V1.ListChangeKind.Add, "RS-1" + Stojanovic[1..] + "," + Future);
        await list.ChangeAsync("ME", Protocol.V1.ListChangeKind.Add, "ME-1" + Kovac[1..] + "," + Future);
        return list;
    }

    private async Task<List<AuditEntry>> EntriesAfterAsync(long sequence) => [.. await fixture.Server.Audit.ReadAsync(sequence + 1, 100_000, Cancel)];

    private void ExecuteOnAudit(string sql) => SqliteScript.Execute(Path.Combine(fixture.Options.DataDirectory, "audit.db"), sql);

    [Fact]
    public async Task A_hit_whose_log_write_fails_is_not_answered_and_the_audit_trail_says_it_was_refused_after_its_hit_entry()
    {
        var (list, disk) = await ListOnFailingDiskAsync();
        using var _ = list;
        var before = fixture.Server.AuditHead.Sequence;
        disk.FailNextFlushes(1);

        var failure = await Assert.ThrowsAsync<RpcException>(() => list.QueryAsync("ME", Stojanovic, "CASE-LOGFAIL"));

        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains("could not record the hit durably", failure.Status.Detail, StringComparison.Ordinal);
        var outcomes = (await EntriesAfterAsync(before))
            .Where(e => e.Kind == AuditKind.Query && e.Details.GetValueOrDefault("case_reference") == "CASE-LOGFAIL")
            .Select(e => (e.Details["outcome"], e.Details.GetValueOrDefault("reason") ?? "")).ToList();

        // The hit's entry was queued beside the log's fsync and committed; the entry after it withdraws it.
        Assert.Equal(2, outcomes.Count);
        Assert.Equal("hit", outcomes[0].Item1);
        Assert.Equal("refused", outcomes[1].Item1);
        Assert.Contains("the query was not answered", outcomes[1].Item2, StringComparison.Ordinal);
        Assert.True((await fixture.Server.Audit.VerifyAsync(null, Cancel)).IsValid);
    }

    [Fact]
    public async Task When_a_chunks_hits_cannot_be_logged_the_persons_before_it_are_answered_and_audited_and_no_later_person_is_either()
    {
        var (list, disk) = await ListOnFailingDiskAsync();
        using var _ = list;
        var before = fixture.Server.AuditHead.Sequence;
        var bulk = list.BulkClient("ME", chunkPersons: 2);

        // Person 9 (chunk 4) is the first hit, so chunk 4's hits record is the next flush of the list's log.
        var rows = Enumerable.Range(1, 40).Select(p => p == 9 ? Stojanovic : Stranger).ToArray();
        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, [.. rows.Select(r => list.Signed("ME", r).TokenEntries.ToByteArray())],
            "CASE-BULK-LOGFAIL", "ME-OFF-1");
        disk.FailNextFlushes(1);
        var (answers, failure) = await BulkCheckTests.SendAsync(bulk, header, chunks);

        Assert.Equal(8, answers.Count);
        await AssertAnsweredPrefixIsAuditedAsync(before, header, answers, failure);
    }

    [Fact]
    public async Task When_the_audit_store_fails_mid_check_every_answered_person_is_audited_in_order_and_no_later_person_is_audited()
    {
        using var list = await ListAsync();
        var before = fixture.Server.AuditHead.Sequence;
        var bulk = list.BulkClient("ME", chunkPersons: 2);
        var rows = Enumerable.Range(1, 40).Select(p => p % 4 == 1 ? Stojanovic : Stranger).ToArray();
        var (header, chunks) = bulk.Prepare(list.Id, ListScenario.Schema, [.. rows.Select(r => list.Signed("ME", r).TokenEntries.ToByteArray())],
            "CASE-BULK-AUDITFAIL", "ME-OFF-2");
        var call = Convert.ToHexStringLower(header.Nonce.Span);

        // The audit store refuses person 9's entry (chunk 4): its whole commit group fails, as a full disk would.
        ExecuteOnAudit($"""
            CREATE TRIGGER fail_person_9 BEFORE INSERT ON audit_entries
            WHEN instr(NEW.details, '"person":"9"') > 0 AND instr(NEW.details, '{call}') > 0
            BEGIN SELECT RAISE(ABORT, 'injected failure'); END
            """);
        List<CheckAnswer> answers;
        RpcException? failure;
        try
        {
            (answers, failure) = await BulkCheckTests.SendAsync(bulk, header, chunks);
        }
        finally
        {
            ExecuteOnAudit("DROP TRIGGER fail_person_9");
        }

        Assert.InRange(answers.Count, 0, 8);
        await AssertAnsweredPrefixIsAuditedAsync(before, header, answers, failure);
    }

    // The call ended Unavailable; the persons answered are the first ones, in order, each with its own committed entry and
    // no person after them has one; the chain says where the check stopped, and still verifies.
    private async Task AssertAnsweredPrefixIsAuditedAsync(long before, CheckHeader header, List<CheckAnswer> answers, RpcException? failure)
    {
        Assert.NotNull(failure);
        Assert.Equal(StatusCode.Unavailable, failure.StatusCode);
        Assert.Contains($"stopped at person {answers.Count + 1}", failure.Status.Detail, StringComparison.Ordinal);
        var call = Convert.ToHexStringLower(header.Nonce.Span);
        var entries = await EntriesAfterAsync(before);
        var persons = entries.Where(e => e.Details.GetValueOrDefault(BulkCheckAuditKeys.Call) == call).ToList();
        Assert.Equal(Enumerable.Range(1, answers.Count).Select(p => p.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            persons.Select(e => e.Details[BulkCheckAuditKeys.Person]));
        Assert.Equal(answers.Select(a => a.AuditSequence), persons.Select(e => e.Sequence));
        Assert.Contains(entries, e => e.Kind == AuditKind.Query && e.Details.GetValueOrDefault("outcome") == "refused"
            && e.Details.GetValueOrDefault("reason", "").StartsWith("bulk check " + call + ": The bulk check stopped at person", StringComparison.Ordinal));
        Assert.True((await fixture.Server.Audit.VerifyAsync(null, Cancel)).IsValid);
    }
}
