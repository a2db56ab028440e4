using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using Aquila.Coordination.Audit;

namespace Aquila.Coordination.Telemetry;

/// <summary>
/// The service-level instruments (meter <see cref="MeterName"/>), all derived from what the audit chain commits: every
/// event the server records passes <see cref="AuditChain.AppendAsync"/>, so batches, queries, authentication failures,
/// alerts and project transitions are counted in one place, exactly as audited. Tags are audit kinds, project ids, party
/// codes and short reason codes (<see cref="MetricReason"/>) — never a subject, hit id, batch id, handle, token or name.
/// </summary>
public static class AuditMetrics
{
    /// <summary>The meter's name, for <c>AddMeter</c> in a host.</summary>
    public const string MeterName = "Aquila.Coordination";

    private static readonly Meter Meter = new(MeterName, "1.0");
    private static readonly ConcurrentDictionary<AuditChain, byte> OpenChains = new();

    private static readonly Counter<long> Entries = Meter.CreateCounter<long>(
        "aquila.audit.entries", "{entry}", "Entries committed to the audit chain, by kind and project.");

    private static readonly Counter<long> AppendFailures = Meter.CreateCounter<long>(
        "aquila.audit.append.failures", "{entry}", "Audit entries that could not be committed (disk full, damaged database).");

    private static readonly Counter<long> Commits = Meter.CreateCounter<long>(
        "aquila.audit.commits", "{transaction}", "Transactions committed to the audit chain (a group of entries, one fsync each).");

    private static readonly Counter<long> Batches = Meter.CreateCounter<long>(
        "aquila.batches", "{batch}", "Token batches accepted or refused, by project, party, outcome and reason.");

    private static readonly Counter<long> BatchTokens = Meter.CreateCounter<long>(
        "aquila.batch.tokens", "{token}", "Tokens of accepted batches, by project and party.");

    private static readonly Counter<long> BatchRecords = Meter.CreateCounter<long>(
        "aquila.batch.records", "{record}", "Records of accepted batches, by project and party.");

    private static readonly Counter<long> HitsReleased = Meter.CreateCounter<long>(
        "aquila.hits.released", "{event}", "Hit events released to the parties, by project.");

    private static readonly Counter<long> AuthFailures = Meter.CreateCounter<long>(
        "aquila.auth.failures", "{call}", "Calls refused: kind failed (no valid certificate) or denied (role), by reason.");

    private static readonly Counter<long> Queries = Meter.CreateCounter<long>(
        "aquila.queries", "{query}", "List queries by project, party and outcome (hit, no-hit, refused).");

    private static readonly Counter<long> Alerts = Meter.CreateCounter<long>(
        "aquila.alerts", "{alert}", "Alerts the server raised (query scanning), by project and alert.");

    private static readonly Counter<long> ProjectTransitions = Meter.CreateCounter<long>(
        "aquila.project.transitions", "{change}", "Project, ceremony and purge steps, by project, kind, action and state.");

    static AuditMetrics()
    {
        Meter.CreateObservableGauge("aquila.audit.chain.length", ObserveChainLength, "{entry}",
            "Entries in the audit chain (its head's sequence number).");
    }

    /// <summary>Reports the length of <paramref name="chain"/> until <see cref="Untrack"/>.</summary>
    internal static void Track(AuditChain chain) => OpenChains.TryAdd(chain, 0);

    /// <summary>Stops reporting <paramref name="chain"/>.</summary>
    internal static void Untrack(AuditChain chain) => OpenChains.TryRemove(chain, out _);

    /// <summary>A group of <paramref name="count"/> entries could not be committed.</summary>
    internal static void AppendFailed(int count) => AppendFailures.Add(count);

    /// <summary>Counts one committed transaction (a group of entries).</summary>
    internal static void TransactionCommitted() => Commits.Add(1);

    /// <summary>Counts one committed entry.</summary>
    internal static void Committed(AuditEvent e)
    {
        var project = e.ProjectId ?? "";
        Entries.Add(1, new("kind", e.Kind), new("project", project));
        var party = e.Actor.Party ?? "";
        switch (e.Kind)
        {
            case AuditKind.BatchAccepted:
                Batches.Add(1, new("project", project), new("party", party), new("outcome", "accepted"), new("reason", ""));
                BatchTokens.Add(Number(e, "tokens"), new("project", project), new("party", party));
                BatchRecords.Add(Number(e, "records"), new("project", project), new("party", party));
                break;
            case AuditKind.BatchRefused:
                Batches.Add(1, new("project", project), new("party", party), new("outcome", "refused"),
                    new("reason", MetricReason.Classify(Detail(e, "reason"))));
                break;
            case AuditKind.HitsReleased:
                HitsReleased.Add(Number(e, "hit_events"), new KeyValuePair<string, object?>("project", project));
                break;
            case AuditKind.AuthFailed:
                AuthFailures.Add(1, new("kind", "failed"), new("reason", MetricReason.Code(Detail(e, "failure"))), new("party", ""));
                break;
            case AuditKind.AuthDenied:
                AuthFailures.Add(1, new("kind", "denied"), new("reason", MetricReason.Classify(Detail(e, "reason"))), new("party", party));
                break;
            case AuditKind.Query:
                Queries.Add(1, new("project", project), new("party", party), new("outcome", MetricReason.Code(Detail(e, "outcome"))));
                break;
            case AuditKind.Alert:
                Alerts.Add(1, new("project", project), new("alert", MetricReason.Code(Detail(e, "alert"))));
                break;
            case AuditKind.ProjectChanged or AuditKind.CeremonyStep or AuditKind.Purge:
                ProjectTransitions.Add(1, new("project", project), new("kind", e.Kind),
                    new("action", MetricReason.Code(Detail(e, "step") ?? Detail(e, "action") ?? Detail(e, "change"))),
                    new("state", MetricReason.Code(Detail(e, "state"))));
                break;
        }
    }

    private static string? Detail(AuditEvent e, string key) => e.Details.TryGetValue(key, out var value) ? value : null;

    private static long Number(AuditEvent e, string key) =>
        long.TryParse(Detail(e, key), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0;

    private static IEnumerable<Measurement<long>> ObserveChainLength()
    {
        foreach (var chain in OpenChains.Keys)
        {
            yield return new Measurement<long>(chain.Head.Sequence);
        }
    }
}
