using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Coordination.Tests.Audit;
using Aquila.Tokens.Keys;
using Microsoft.Extensions.Logging.Abstractions;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;

namespace Aquila.Coordination.Tests.Projects;

public sealed class ProjectStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_created_project_reads_back_in_Draft_with_version_1()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();

        var change = await fixture.Store.CreateAsync(Draft(), Coordinator, fixture.Audit, Cancel);

        var loaded = await fixture.Store.GetAsync(Id, Cancel);
        Assert.NotNull(loaded);
        Assert.Equal(ProjectJson.Write(change.Project), ProjectJson.Write(loaded));
        Assert.Equal(ProjectState.Draft, loaded.State);
        Assert.Equal(1, loaded.Version);
        Assert.Equal(Start, loaded.CreatedAt);
    }

    [Fact]
    public async Task A_project_with_confirmations_and_submissions_survives_reopening_the_store()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        var project = await fixture.DriveToAsync(ProjectState.Matching);

        await fixture.ReopenStoreAsync();

        var loaded = await fixture.Store.GetAsync(Id, Cancel);
        Assert.Equal(ProjectJson.Write(project), ProjectJson.Write(loaded!));
        Assert.Equal(3, loaded!.Confirmations.Length);
        Assert.Equal(new PartySubmission("BA", 1, 100, 700, Early, Early), loaded.Submissions[1]);
        Assert.Equal(["DCAF", "EUROPOL", "INTERPOL"], loaded.ActionPlan.Partners);
        Assert.Equal([DataSubjectCategory.Suspect, DataSubjectCategory.PersonOfInterest], loaded.AllowedCategories);
    }

    [Fact]
    public async Task Projects_are_listed_by_id()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.Store.CreateAsync(Draft("b-project"), Coordinator, fixture.Audit, Cancel);
        await fixture.Store.CreateAsync(Draft("a-project"), Coordinator, fixture.Audit, Cancel);

        var projects = await fixture.Store.ListAsync(Cancel);

        Assert.Equal(["a-project", "b-project"], projects.Select(p => p.Id));
    }

    [Fact]
    public async Task An_unknown_project_reads_as_null()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();

        Assert.Null(await fixture.Store.GetAsync("nothing-here", Cancel));
    }

    [Fact]
    public async Task Every_step_of_a_project_appends_one_audit_entry_of_the_right_kind()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Closed);
        await fixture.Store.RecordFeedbackAsync(Id, AnalystRs, HitId(1), FeedbackVerdict.Confirmed, "SIENA-2026-0042", fixture.Audit, Cancel);
        fixture.Clock.Now = End;
        await fixture.Store.PurgeAsync(Id, Coordinator, [new RetainedHit(HitId(1), "RS", "BA", MatchBand.Strong)], fixture.Audit, Cancel);
        await fixture.ApplyAsync(NodeRs, new AttestPurge("RS"));

        var kinds = (await fixture.AuditEntriesAsync()).Select(e => e.Kind);

        Assert.Equal(
        [
            AuditKind.ProjectChanged, // create
            AuditKind.CeremonyStep, // start
            AuditKind.CeremonyStep, AuditKind.CeremonyStep, AuditKind.CeremonyStep, // confirmations
            AuditKind.ProjectChanged, // open
            AuditKind.ProjectChanged, AuditKind.ProjectChanged, AuditKind.ProjectChanged, // submissions
            AuditKind.ProjectChanged, // matching
            AuditKind.ProjectChanged, // close
            AuditKind.Feedback,
            AuditKind.Purge, // server purge
            AuditKind.Purge, // node attestation
        ], kinds);
    }

    [Fact]
    public async Task Audit_entries_carry_the_caller_project_and_party_but_no_follow_up_reference()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Matching);

        var change = await fixture.Store.RecordFeedbackAsync(
            Id, AnalystRs, HitId(7), FeedbackVerdict.Rejected, "SIENA-2026-0042", fixture.Audit, Cancel);

        var entry = (await fixture.AuditEntriesAsync())[^1];
        Assert.Equal(change.Receipt.Sequence, entry.Sequence);
        Assert.Equal("RS/analyst", entry.Actor.Text);
        Assert.Equal(Id, entry.ProjectId);
        Assert.Equal(HitId(7), entry.Subject);
        Assert.Equal("rejected", entry.Details["verdict"]);
        Assert.DoesNotContain(entry.Details.Values, v => v.Contains("SIENA", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_ceremony_confirmation_is_audited_with_party_and_fingerprint()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.KeyCeremony);

        await fixture.ApplyAsync(NodeBa, new ConfirmCeremony("BA", Fingerprint));

        var entry = (await fixture.AuditEntriesAsync())[^1];
        Assert.Equal(AuditKind.CeremonyStep, entry.Kind);
        Assert.Equal("BA", entry.Subject);
        Assert.Equal(Fingerprint, entry.Details["fingerprint"]);
    }

    [Fact]
    public async Task A_role_refusal_changes_nothing_and_is_audited_as_auth_denied()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        var before = await fixture.DriveToAsync(ProjectState.Draft);
        var entriesBefore = fixture.Audit.Head.Sequence;

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() => fixture.ApplyAsync(NodeRs, new StartCeremony()));

        Assert.Equal(ProjectRuleKind.NotPermitted, error.Violation.Kind);
        Assert.Equal(ProjectJson.Write(before), ProjectJson.Write((await fixture.Store.GetAsync(Id, Cancel))!));
        var entry = (await fixture.AuditEntriesAsync())[^1];
        Assert.Equal(entriesBefore + 1, entry.Sequence);
        Assert.Equal(AuditKind.AuthDenied, entry.Kind);
        Assert.Equal("ceremony.start", entry.Details["action"]);
        Assert.Equal("RS/node", entry.Actor.Text);
    }

    [Fact]
    public async Task A_state_refusal_changes_nothing_and_is_audited_as_a_refused_project_change()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        var before = await fixture.DriveToAsync(ProjectState.Open);

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() => fixture.ApplyAsync(Coordinator, new StartMatching()));

        Assert.Equal(ProjectRuleKind.ConditionNotMet, error.Violation.Kind);
        Assert.Equal(ProjectJson.Write(before), ProjectJson.Write((await fixture.Store.GetAsync(Id, Cancel))!));
        var entry = (await fixture.AuditEntriesAsync())[^1];
        Assert.Equal(AuditKind.ProjectChanged, entry.Kind);
        Assert.Equal("true", entry.Details["refused"]);
        Assert.Equal("ConditionNotMet", entry.Details["reason"]);
    }

    [Fact]
    public async Task A_change_whose_audit_entry_cannot_be_written_is_rolled_back()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Draft);
        await using var closedChain = await AuditTestSupport.OpenAsync(fixture.AuditPath + ".other");
        await closedChain.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() =>
            fixture.Store.ApplyAsync(Id, Coordinator, new StartCeremony(), closedChain, cancellationToken: Cancel));

        Assert.Equal(ProjectState.Draft, (await fixture.Store.GetAsync(Id, Cancel))!.State);
    }

    [Fact]
    public async Task A_stale_expected_version_is_a_conflict()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Draft);

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() => fixture.ApplyAsync(Coordinator, new StartCeremony(), expectedVersion: 7));

        Assert.Equal(ProjectRuleKind.Conflict, error.Violation.Kind);
        Assert.Equal(ProjectState.Draft, (await fixture.Store.GetAsync(Id, Cancel))!.State);
    }

    [Fact]
    public async Task A_matching_expected_version_is_accepted()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Draft);

        var change = await fixture.ApplyAsync(Coordinator, new StartCeremony(), expectedVersion: 1);

        Assert.Equal(2, change.Project.Version);
    }

    [Fact]
    public async Task An_action_on_an_unknown_project_is_refused_as_not_found_and_audited()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() => fixture.ApplyAsync(Coordinator, new StartCeremony()));

        Assert.Equal(ProjectRuleKind.NotFound, error.Violation.Kind);
        Assert.Equal(1, fixture.Audit.Head.Sequence);
    }

    [Fact]
    public async Task Creating_a_project_with_a_taken_id_is_refused()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.KeyCeremony);

        var error = await Assert.ThrowsAsync<ProjectRuleException>(
            () => fixture.Store.CreateAsync(Draft(), Coordinator, fixture.Audit, Cancel));

        Assert.Contains("already exists", error.Message, StringComparison.Ordinal);
        Assert.Equal(ProjectState.KeyCeremony, (await fixture.Store.GetAsync(Id, Cancel))!.State);
    }

    [Fact]
    public async Task An_invalid_project_is_refused_with_every_problem()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() => fixture.Store.CreateAsync(
            Draft() with { SchemaHash = "x", MaxFanout = 0 }, Coordinator, fixture.Audit, Cancel));

        Assert.Contains("schema hash", error.Message, StringComparison.Ordinal);
        Assert.Contains("max_fanout", error.Message, StringComparison.Ordinal);
        Assert.Empty(await fixture.Store.ListAsync(Cancel));
    }

    [Fact]
    public async Task Opening_another_kind_of_database_fails_with_a_clear_error()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();

        var error = await Assert.ThrowsAsync<ProjectStoreException>(() => ProjectStore.OpenAsync(
            new ProjectStoreOptions { DatabasePath = fixture.AuditPath }, NullLogger<ProjectStore>.Instance, Cancel));

        Assert.Contains("is not an Aquila project store", error.Message, StringComparison.Ordinal);
    }

    internal static string HitId(int i) => i.ToString("x32", System.Globalization.CultureInfo.InvariantCulture);
}
