using Aquila.Matching.Projects;
using Aquila.Matching.Storage;
using static Aquila.Matching.Tests.Projects.ProjectTestBed;

namespace Aquila.Matching.Tests.Projects;

public sealed class ProjectMatcherRestartTests
{
    // Three parties, overlapping records, a split record and an updated hit: enough to make ordering matter.
    private static async Task SubmitScenarioAsync(ProjectMatcher matcher)
    {
        await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500), (1, 600)]), (11, [(2, 700)])));
        await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(1, 600)]), (21, [(2, 700)])));
        await SubmitAsync(matcher, "ME", 3, Batch(2, (30, [(0, 500)]), (31, [(2, 700)])));
        await SubmitAsync(matcher, "BA", 4, Batch(1, (20, [(0, 500)])));
        await SubmitAsync(matcher, "RS", 5, Batch(0, (12, [(1, 800)])));
    }

    private static List<string> Everything(ProjectMatcher matcher)
    {
        var all = new List<string>();
        foreach (var party in Parties)
        {
            all.AddRange(Stream(matcher, party).Select(e => party + ": " + e));
        }

        for (var batch = 1; batch <= 5; batch++)
        {
            foreach (var party in Parties)
            {
                all.Add(Describe(matcher.FindReceipt(party, BatchId(batch))));
            }
        }

        all.Add(matcher.Counts.ToString());
        all.AddRange(matcher.Counts.Parties.Select(p => p.ToString()));
        return all;
    }

    [Fact]
    public async Task Reopening_gives_identical_receipts_hit_events_sequences_and_counts()
    {
        using var bed = OnDisk();
        List<string> before;
        await using (var matcher = await bed.OpenAsync())
        {
            await SubmitScenarioAsync(matcher);
            before = Everything(matcher);
        }

        await using var reopened = await bed.OpenAsync();

        Assert.Equal(before, Everything(reopened));
        Assert.True(reopened.LastHitSequence("RS") >= 3);
    }

    [Fact]
    public async Task A_resend_after_a_restart_is_answered_with_the_receipt_from_before()
    {
        using var bed = InMemory();
        BatchReceipt? original;
        await using (var matcher = await bed.OpenAsync())
        {
            original = (await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])))).Receipt;
        }

        await using var reopened = await bed.OpenAsync();
        var resent = await SubmitAsync(reopened, "RS", 1, Batch(0, (10, [(0, 500)])));

        Assert.Equal(SubmitStatus.AlreadyAccepted, resent.Status);
        Assert.Equal(Describe(original), Describe(resent.Receipt));
    }

    [Fact]
    public async Task Batches_after_a_restart_continue_the_sequences_where_they_stopped()
    {
        using var bed = InMemory();
        await using (var matcher = await bed.OpenAsync())
        {
            await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)]), (11, [(0, 501)])));
            await SubmitAsync(matcher, "BA", 2, Batch(1, (20, [(0, 500)])));
        }

        await using var reopened = await bed.OpenAsync();
        await SubmitAsync(reopened, "ME", 3, Batch(2, (30, [(0, 501)])));

        Assert.Equal([1L, 2L], reopened.ReadHits("RS", 0, 10).Select(e => e.Sequence));
        Assert.Equal("ME", reopened.ReadHits("RS", 1, 10)[0].Hit.OtherPartyCode);
    }

    [Fact]
    public async Task Reopening_with_another_data_key_fails_with_a_clear_error()
    {
        using var bed = InMemory();
        await using (var matcher = await bed.OpenAsync())
        {
            await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));
        }

        var otherKey = Enumerable.Repeat((byte)9, 32).ToArray();
        var error = await Assert.ThrowsAsync<WalDataKeyMismatchException>(() => bed.OpenAsync(options: bed.Options(dataKey: otherKey)));

        Assert.Contains("data key does not match", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_with_another_roster_fails_naming_the_roster()
    {
        using var bed = InMemory();
        await using (var matcher = await bed.OpenAsync())
        {
            await SubmitAsync(matcher, "RS", 1, Batch(0, (10, [(0, 500)])));
        }

        var error = await Assert.ThrowsAsync<ProjectDefinitionMismatchException>(
            () => bed.OpenAsync(Definition(parties: ["BA", "RS", "ME"])));

        Assert.Contains("roster", error.Field, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reopening_with_another_fanout_fails_naming_the_fanout()
    {
        using var bed = InMemory();
        await using (var matcher = await bed.OpenAsync())
        {
        }

        var error = await Assert.ThrowsAsync<ProjectDefinitionMismatchException>(() => bed.OpenAsync(Definition(maxFanout: 3)));

        Assert.Equal("max fanout", error.Field);
    }

    [Fact]
    public async Task Opening_with_a_repeated_party_code_fails_before_any_file_is_written()
    {
        using var bed = InMemory();

        await Assert.ThrowsAsync<ArgumentException>(() => bed.OpenAsync(Definition(parties: ["RS", "BA", "RS"])));

        Assert.Empty(bed.FileSystem.ListFiles(bed.Directory));
    }
}
