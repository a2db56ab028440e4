using Aquila.Coordination.Audit;
using Aquila.Coordination.Projects;
using Aquila.Security;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using StackExchange.Redis;

namespace Aquila.Server.ScaleOut;

/// <summary>
/// The coordinator's side of the audit relay: reads the audit stream through a consumer group, appends each event to the
/// chain, and acknowledges (and deletes) the stream entry only after the chain entry is committed. A crash in between
/// leaves the entry pending; it is read again first on the next round and not appended twice (see docs/scale-out.md).
/// Each round also reconciles the published lifecycles (<see cref="LifecyclePublisher"/>).
/// </summary>
internal sealed class AuditStreamDrain(
    IConnectionMultiplexer redis,
    ScaleOutKeys keys,
    AuditChain chain,
    ProjectStore store,
    LifecyclePublisher publisher,
    TimeSpan interval,
    TimeProvider clock,
    ILogger<AuditStreamDrain> logger) : BackgroundService
{
    /// <summary>A relayed event's detail: the stream entry id it came from.</summary>
    public const string RelayIdDetail = "relay_id";

    private const int PageSize = 100;

    // How far back from the head a redelivered event is looked for: a crash leaves at most one page unacknowledged, and
    // other appends in between are few.
    private const int RedeliveryWindow = 4096;

    private static readonly TimeSpan AcceptanceHeadLifetime = TimeSpan.FromDays(1);
    private static readonly TimeSpan ReconcileInterval = TimeSpan.FromSeconds(1);
    private readonly SemaphoreSlim _gate = new(1, 1);
    private bool _groupReady;

    /// <summary>
    /// Applies everything relayed so far; the coordinator calls it before a decision that depends on matcher instances'
    /// submissions (moving to Matching). Returns how many stream entries it handled.
    /// </summary>
    public async Task<int> DrainAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var db = redis.GetDatabase();
            await EnsureGroupAsync(db);
            var handled = 0;
            while (true)
            {
                // Our own unacknowledged entries first (a crash or a failed acknowledgement), then new ones.
                var entries = await db.StreamReadGroupAsync(keys.AuditStream, ScaleOutKeys.AuditGroup, ScaleOutKeys.AuditGroup, "0", PageSize);
                var redelivered = entries.Length > 0;
                if (!redelivered)
                {
                    entries = await db.StreamReadGroupAsync(keys.AuditStream, ScaleOutKeys.AuditGroup, ScaleOutKeys.AuditGroup,
                        StreamPosition.NewMessages, PageSize);
                }

                if (entries.Length == 0)
                {
                    break;
                }

                foreach (var entry in entries)
                {
                    // CancellationToken.None from here: once an entry is read it is applied and acknowledged whole.
                    await ApplyAsync(db, entry, redelivered);
                    await db.StreamAcknowledgeAsync(keys.AuditStream, ScaleOutKeys.AuditGroup, entry.Id);
                    await db.StreamDeleteAsync(keys.AuditStream, [entry.Id]);
                    handled++;
                }
            }

            if (handled > 0)
            {
                ScaleOutLog.Drained(logger, handled);
            }

            return handled;
        }
        finally
        {
            _gate.Release();
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var lastReconcile = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            var wait = interval;
            try
            {
                if (clock.GetUtcNow() - lastReconcile >= ReconcileInterval)
                {
                    await publisher.ReconcileAsync(stoppingToken);
                    lastReconcile = clock.GetUtcNow();
                }

                await DrainAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Whatever failed (Redis, the chain's disk), the coordinator keeps serving and tries again: an unhandled
                // exception here would stop the whole host.
                ScaleOutLog.DrainFailed(logger, e);
                wait = TimeSpan.FromSeconds(1);
            }

            try
            {
                await Task.Delay(wait, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task EnsureGroupAsync(IDatabase db)
    {
        if (_groupReady)
        {
            return;
        }

        try
        {
            await db.StreamCreateConsumerGroupAsync(keys.AuditStream, ScaleOutKeys.AuditGroup, StreamPosition.Beginning, createStream: true);
        }
        catch (RedisServerException e) when (e.Message.Contains("BUSYGROUP", StringComparison.Ordinal))
        {
            // Made by an earlier start: its pending entries are still ours.
        }

        _groupReady = true;
    }

    private async Task ApplyAsync(IDatabase db, StreamEntry entry, bool redelivered)
    {
        var streamId = entry.Id.ToString();
        if (entry.IsNull || entry.Values is null || entry.Values.Length == 0)
        {
            return; // deleted before it was acknowledged: nothing left to apply
        }

        if (!RelayedAuditEvent.TryParse(entry, out var relayed, out var problem))
        {
            ScaleOutLog.MalformedRelay(logger, streamId, problem);
            return;
        }

        if (relayed.Type == RelayedEventType.Event)
        {
            if (redelivered && await AlreadyInChainAsync(streamId))
            {
                ScaleOutLog.AlreadyRelayed(logger, streamId);
                return;
            }

            if (WithRelayDetails(relayed, streamId) is not { } relayedEvent)
            {
                ScaleOutLog.MalformedRelay(logger, streamId, "too many details to add where it came from");
                return;
            }

            await chain.AppendAsync(relayedEvent, CancellationToken.None);
            return;
        }

        await ApplyAcceptanceAsync(db, relayed, streamId);
    }

    // A batch acceptance has one entry per batch id whoever relays it (the first acceptance, resends, status queries):
    // the chain itself says whether it is there. Its head is published for the waiting matcher instance.
    private async Task ApplyAcceptanceAsync(IDatabase db, RelayedAuditEvent relayed, string streamId)
    {
        var accepted = relayed.Event;
        var batchId = accepted.Subject!;
        var existing = await chain.FindAsync(AuditKind.BatchAccepted, batchId, CancellationToken.None);
        var head = existing?.Head ?? (await chain.AppendAsync(WithRelayDetails(relayed, streamId) ?? accepted, CancellationToken.None)).Head;
        if (relayed.Type == RelayedEventType.FirstAcceptance && accepted.ProjectId is { } projectId && accepted.Actor.Party is { } party
            && (existing is null || !await SubmissionRecordedAsync(existing.Sequence, party, batchId)))
        {
            await RecordSubmissionAsync(projectId, party, accepted, batchId);
        }

        await db.StringSetAsync(keys.AcceptanceHead(accepted.ProjectId!, batchId), head.ToString(), AcceptanceHeadLifetime);
    }

    // What the embedded path does after an acceptance of a coordinated project: count it in the lifecycle (audited).
    private async Task RecordSubmissionAsync(string projectId, string party, AuditEvent accepted, string batchId)
    {
        var project = await store.GetAsync(projectId, CancellationToken.None);
        if (project is not { Kind: ProjectKind.OneTime })
        {
            return; // a project declared in the configuration has no lifecycle
        }

        var submission = new RecordSubmission(party, Count(accepted, "records"), Count(accepted, "tokens")) { BatchId = batchId };
        try
        {
            var change = await store.ApplyAsync(projectId, new ProjectCaller(party, accepted.Actor.Role ?? PartyRole.Node), submission, chain,
                cancellationToken: CancellationToken.None);
            await publisher.PublishAsync(change.Project, CancellationToken.None);
        }
        catch (ProjectRuleException e)
        {
            // Already audited as a refusal by the store (e.g. the project left Open while the batch was being stored).
            ScaleOutLog.SubmissionNotRecorded(logger, batchId, party, projectId, e.Violation.Kind.ToString());
        }
    }

    private async Task<bool> SubmissionRecordedAsync(long acceptedSequence, string party, string batchId)
    {
        foreach (var entry in await chain.ReadAsync(acceptedSequence, RedeliveryWindow, CancellationToken.None))
        {
            if (entry.Kind == AuditKind.ProjectChanged && entry.Subject == party
                && entry.Details.TryGetValue("batch", out var batch) && batch == batchId)
            {
                return true;
            }
        }

        return false;
    }

    private async Task<bool> AlreadyInChainAsync(string streamId)
    {
        var from = Math.Max(1, chain.Head.Sequence - RedeliveryWindow + 1);
        if (chain.Head.Sequence == 0)
        {
            return false;
        }

        foreach (var entry in await chain.ReadAsync(from, RedeliveryWindow, CancellationToken.None))
        {
            if (entry.Details.TryGetValue(RelayIdDetail, out var id) && id == streamId)
            {
                return true;
            }
        }

        return false;
    }

    private static long Count(AuditEvent auditEvent, string key) =>
        auditEvent.Details.TryGetValue(key, out var text) && long.TryParse(text, System.Globalization.CultureInfo.InvariantCulture, out var value)
            ? value
            : 0;

    // The matcher's event as it happened, plus where it came from; the chain adds the coordinator's own sequence and time.
    private static AuditEvent? WithRelayDetails(RelayedAuditEvent relayed, string streamId)
    {
        if (relayed.Event.Details.Count + 3 > AuditEvent.MaxDetails)
        {
            return null;
        }

        var details = new Dictionary<string, string>(relayed.Event.Details, StringComparer.Ordinal)
        {
            [RelayIdDetail] = streamId,
            ["relay_instance"] = relayed.Instance,
            ["relay_at_ms"] = relayed.AtUnixMs.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var e = relayed.Event;
        return new AuditEvent(e.Kind, e.Actor, e.ProjectId, e.Subject, details);
    }
}
