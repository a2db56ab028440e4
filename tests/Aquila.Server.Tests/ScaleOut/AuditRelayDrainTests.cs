using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Security;
using Aquila.Server.ScaleOut;
using Microsoft.Extensions.Logging.Abstractions;
using StackExchange.Redis;

namespace Aquila.Server.Tests.ScaleOut;

/// <summary>
/// The coordinator's drain of the audit stream: one chain entry per relayed event, also when an entry is delivered again
/// after the coordinator stopped between committing it and acknowledging it.
/// </summary>
[Collection(nameof(ServerCollection))]
public sealed class AuditRelayDrainTests(SingleRedisFixture fixture) : IClassFixture<SingleRedisFixture>, IAsyncLifetime
{
    private static readonly CancellationToken Cancel = TestContext.Current.CancellationToken;
    private readonly TempDirectory _directory = new();
    private readonly ScaleOutKeys _keys = new("ad" + Guid.NewGuid().ToString("N")[..6]);
    private AuditChain _chain = null!;
    private ProjectStore _store = null!;
    private AuditStreamDrain _drain = null!;

    public async ValueTask InitializeAsync()
    {
        if (fixture.Problem is not null)
        {
            return;
        }

        _chain = await AuditChain.OpenAsync(new AuditChainOptions { DatabasePath = _directory.File("audit.db") }, NullLogger<AuditChain>.Instance, Cancel);
        _store = await ProjectStore.OpenAsync(new ProjectStoreOptions { DatabasePath = _directory.File("projects.db") }, NullLogger<ProjectStore>.Instance, Cancel);
        _drain = new AuditStreamDrain(fixture.First, _keys, _chain, _store, new LifecyclePublisher(fixture.First, _keys, _store),
            TimeSpan.FromMilliseconds(100), TimeProvider.System, NullLogger<AuditStreamDrain>.Instance);
    }

    [Fact]
    public async Task A_relayed_event_becomes_one_chain_entry_with_the_matchers_actor_and_its_stream_id()
    {
        fixture.Require();
        var relay = new AuditRelay(fixture.Second, _keys, TimeProvider.System, TimeSpan.FromSeconds(5));
        await relay.PublishAsync(Refusal("1111"), Cancel);

        var handled = await _drain.DrainAsync(Cancel);

        var entry = Assert.Single(await _chain.ReadAsync(1, 10, Cancel));
        Assert.Equal(1, handled);
        Assert.Equal(AuditKind.BatchRefused, entry.Kind);
        Assert.Equal("RS/node", entry.Actor.Text);
        Assert.Equal("1111", entry.Subject);
        Assert.True(entry.Details.ContainsKey(AuditStreamDrain.RelayIdDetail));
        Assert.Equal(0, await fixture.First.GetDatabase().StreamLengthAsync(_keys.AuditStream));
    }

    [Fact]
    public async Task An_event_committed_before_a_crash_but_not_acknowledged_is_acknowledged_without_a_second_entry()
    {
        fixture.Require();
        var streamId = await ReadWithoutAcknowledgingAsync(Refusal("2222"));
        // What the coordinator had committed before it stopped.
        await _chain.AppendAsync(new AuditEvent(AuditKind.BatchRefused, AuditActor.ForParty("RS", PartyRole.Node), "p1", "2222",
            [new(AuditStreamDrain.RelayIdDetail, streamId), new("reason", "refused")]), Cancel);

        var handled = await _drain.DrainAsync(Cancel);

        Assert.Equal(1, handled);
        Assert.Equal(1, _chain.Head.Sequence);
        Assert.Equal(0, (await fixture.First.GetDatabase().StreamPendingAsync(_keys.AuditStream, ScaleOutKeys.AuditGroup)).PendingMessageCount);
    }

    [Fact]
    public async Task An_event_read_before_a_crash_but_not_committed_is_appended_once_when_delivered_again()
    {
        fixture.Require();
        await ReadWithoutAcknowledgingAsync(Refusal("3333"));

        await _drain.DrainAsync(Cancel);
        await _drain.DrainAsync(Cancel);

        var entry = Assert.Single(await _chain.ReadAsync(1, 10, Cancel));
        Assert.Equal("3333", entry.Subject);
    }

    [Fact]
    public async Task A_batch_acceptance_relayed_by_two_instances_has_one_chain_entry_and_its_head_is_published()
    {
        fixture.Require();
        var accepted = new AuditEvent(AuditKind.BatchAccepted, AuditActor.ForParty("BA", PartyRole.Node), "p1", "4444",
            [new("records", "2"), new("tokens", "20")]);
        var db = fixture.Second.GetDatabase();
        await db.StreamAddAsync(_keys.AuditStream, new RelayedAuditEvent(accepted, RelayedEventType.FirstAcceptance, 1, "a").ToFields());
        await db.StreamAddAsync(_keys.AuditStream, new RelayedAuditEvent(accepted, RelayedEventType.Acceptance, 2, "b").ToFields());

        await _drain.DrainAsync(Cancel);

        var entry = Assert.Single(await _chain.ReadAsync(1, 10, Cancel));
        Assert.Equal(AuditKind.BatchAccepted, entry.Kind);
        Assert.Equal(entry.Head.ToString(), (string?)await db.StringGetAsync(_keys.AcceptanceHead("p1", "4444")));
    }

    public async ValueTask DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        if (_chain is not null)
        {
            await _chain.DisposeAsync();
        }

        _directory.Dispose();
    }

    private static AuditEvent Refusal(string batchId) =>
        new(AuditKind.BatchRefused, AuditActor.ForParty("RS", PartyRole.Node), "p1", batchId, [new("reason", "refused")]);

    // The coordinator read the entry (it is pending in the group) and stopped before acknowledging it.
    private async Task<string> ReadWithoutAcknowledgingAsync(AuditEvent auditEvent)
    {
        var db = fixture.First.GetDatabase();
        await db.StreamAddAsync(_keys.AuditStream, new RelayedAuditEvent(auditEvent, RelayedEventType.Event, 1, "m").ToFields());
        await db.StreamCreateConsumerGroupAsync(_keys.AuditStream, ScaleOutKeys.AuditGroup, StreamPosition.Beginning);
        var read = await db.StreamReadGroupAsync(_keys.AuditStream, ScaleOutKeys.AuditGroup, ScaleOutKeys.AuditGroup, StreamPosition.NewMessages, 10);
        return Assert.Single(read).Id.ToString();
    }
}
