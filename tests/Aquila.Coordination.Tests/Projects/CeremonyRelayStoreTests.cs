using Aquila.Coordination.Projects;
using Microsoft.Data.Sqlite;
using static Aquila.Coordination.Tests.Projects.ProjectSamples;

namespace Aquila.Coordination.Tests.Projects;

/// <summary>The durable ceremony relay: messages survive a restart, belong to one round, and go with the ceremony.</summary>
public sealed class CeremonyRelayStoreTests
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    private static RelayedCeremonyMessage Message(CeremonyMessageStage stage, string from, string to = "", int round = 1, byte fill = 1) =>
        new(Id, round, stage, from, to, [fill, 2, 3], stage == CeremonyMessageStage.Confirmation ? Fingerprint : "");

    [Fact]
    public async Task Relayed_messages_survive_reopening_the_store()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.KeyCeremony);
        await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Registration, "RS"), Cancel);
        await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Registration, "BA"), Cancel);

        await fixture.ReopenStoreAsync();

        var registrations = await fixture.Store.ReadCeremonyMessagesAsync(Id, 1, CeremonyMessageStage.Registration, "ME", Cancel);
        Assert.Equal(["BA", "RS"], registrations.Select(m => m.FromParty));
        Assert.Equal([1, 2, 3], registrations[0].Body);
    }

    [Fact]
    public async Task A_party_sees_only_the_shares_addressed_to_it()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.KeyCeremony);
        await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Share, "RS", "BA"), Cancel);
        await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Share, "RS", "ME"), Cancel);
        await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Share, "ME", "BA"), Cancel);

        var shares = await fixture.Store.ReadCeremonyMessagesAsync(Id, 1, CeremonyMessageStage.Share, "BA", Cancel);

        Assert.Equal([("ME", "BA"), ("RS", "BA")], shares.Select(m => (m.FromParty, m.ToParty)));
    }

    [Fact]
    public async Task Reposting_the_same_slot_replaces_the_message_and_the_count_says_how_many_the_stage_holds()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.KeyCeremony);
        await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Registration, "RS"), Cancel);

        var count = await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Registration, "RS", fill: 9), Cancel);

        Assert.Equal(1, count);
        var only = Assert.Single(await fixture.Store.ReadCeremonyMessagesAsync(Id, 1, CeremonyMessageStage.Registration, "RS", Cancel));
        Assert.Equal(9, only.Body[0]);
    }

    [Fact]
    public async Task Inviting_a_party_during_the_ceremony_drops_the_relayed_messages_and_audits_the_restart()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.KeyCeremony);
        await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Registration, "RS"), Cancel);
        await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Registration, "BA"), Cancel);
        await fixture.ApplyAsync(NodeRs, new ConfirmCeremony("RS", Fingerprint));

        var change = await fixture.ApplyAsync(Coordinator, new InviteParty(new InvitedParty("XK", 100, "Kosovo Police")));

        Assert.Equal(2, change.Project.CeremonyRound);
        Assert.Empty(change.Project.Confirmations);
        Assert.Empty(await fixture.Store.ReadCeremonyMessagesAsync(Id, 2, CeremonyMessageStage.Registration, "RS", Cancel));
        var entry = (await fixture.AuditEntriesAsync())[^1];
        Assert.Equal("party.invite", entry.Details["action"]);
        Assert.Equal("restarted", entry.Details["ceremony"]);
        Assert.Equal("2", entry.Details["round"]);
        Assert.Equal("1", entry.Details["confirmations_cleared"]);
        Assert.Equal("2", entry.Details["relayed_messages_dropped"]);
    }

    [Fact]
    public async Task A_node_of_an_earlier_round_is_told_to_join_again()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.KeyCeremony);
        await fixture.ApplyAsync(Coordinator, new UninviteParty("ME"));

        var post = await Assert.ThrowsAsync<ProjectRuleException>(() =>
            fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Share, "RS", "BA", round: 1), Cancel));
        var read = await Assert.ThrowsAsync<ProjectRuleException>(() =>
            fixture.Store.ReadCeremonyMessagesAsync(Id, 1, CeremonyMessageStage.Registration, "RS", Cancel));

        Assert.Equal(ProjectRuleKind.ConditionNotMet, post.Violation.Kind);
        Assert.Contains("aquila node join", post.Message, StringComparison.Ordinal);
        Assert.Contains("round 1", read.Message, StringComparison.Ordinal);
        Assert.Contains("parties now RS, BA", read.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Opening_the_project_drops_the_relayed_messages()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.KeyCeremony);
        await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Registration, "RS"), Cancel);
        foreach (var party in PartyCodes)
        {
            await fixture.ApplyAsync(NodeOf(party), new ConfirmCeremony(party, Fingerprint));
        }

        await fixture.ApplyAsync(Coordinator, new OpenProject());

        Assert.Equal(0L, CountRows(fixture.StorePath));
        var entry = (await fixture.AuditEntriesAsync())[^1];
        Assert.Equal("1", entry.Details["relayed_messages_dropped"]);
    }

    [Fact]
    public async Task Messages_are_refused_outside_the_ceremony()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.Draft);

        var error = await Assert.ThrowsAsync<ProjectRuleException>(() =>
            fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Registration, "RS", round: 0), Cancel));

        Assert.Equal(ProjectRuleKind.WrongState, error.Violation.Kind);
        Assert.Equal(0L, CountRows(fixture.StorePath));
    }

    [Fact]
    public async Task A_database_of_an_earlier_build_gains_the_relay_table_and_keeps_its_projects()
    {
        await using var fixture = await ProjectStoreFixture.CreateAsync();
        await fixture.DriveToAsync(ProjectState.KeyCeremony);
        await fixture.Store.DisposeAsync();
        Execute(fixture.StorePath, "DROP TABLE ceremony_messages");

        await fixture.ReopenStoreAsync();
        await fixture.ReopenStoreAsync(); // a second open finds the table and leaves it alone

        Assert.Equal(ProjectState.KeyCeremony, (await fixture.Store.GetAsync(Id, Cancel))!.State);
        Assert.Equal(1, await fixture.Store.RelayCeremonyMessageAsync(Message(CeremonyMessageStage.Registration, "RS"), Cancel));
    }

    private static long CountRows(string path) => (long)Execute(path, "SELECT count(*) FROM ceremony_messages")!;

    private static object? Execute(string path, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
