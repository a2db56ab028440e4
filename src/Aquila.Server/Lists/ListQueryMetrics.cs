using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Aquila.Server.Lists;

/// <summary>
/// The instruments of list queries (meter "Aquila.Server"): how long a query call took, by outcome, and refused queries by
/// reason — quota refusals are <c>reason="quota"</c>. Tags are the list's project id (a list the server holds, never the id a
/// caller typed), the caller's party code (from its verified certificate), an outcome and a reason code from a fixed set:
/// never a token, handle, record id, case reference, officer id or name.
/// </summary>
internal sealed class ListQueryMetrics
{
    /// <summary>Outcome of a query call that found a hit (for a batch: at least one of its queries did).</summary>
    public const string Hit = "hit";

    /// <summary>Outcome of a query call that found none.</summary>
    public const string NoHit = "no-hit";

    /// <summary>Outcome of a query call the server refused (checks, signature, nonce, quota).</summary>
    public const string Refused = "refused";

    private readonly Histogram<double> _duration;
    private readonly Counter<long> _refusals;

    public ListQueryMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(Health.CrlMetrics.MeterName, "1.0");
        _duration = meter.CreateHistogram("aquila.list.query.duration", "s",
            "Time a list query call (Query or QueryBatch) took in the server, by project (list), party and outcome.",
            advice: new InstrumentAdvice<double>
            {
                HistogramBucketBoundaries = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
            });
        Stages = new ListQueryStages(meters);
        _refusals = meter.CreateCounter<long>("aquila.list.query.refusals", "{query}",
            "List queries refused, by project (list), party and reason (quota, signature, nonce, clock, schema, tokens, ...).");
    }

    /// <summary>Where a single query's time goes in the server, stage by stage.</summary>
    public ListQueryStages Stages { get; }

    /// <summary>Records one query call begun at <paramref name="startedAt"/> (a <see cref="Stopwatch"/> timestamp).</summary>
    public void Completed(string list, string party, string outcome, long startedAt) =>
        _duration.Record(Stopwatch.GetElapsedTime(startedAt).TotalSeconds,
            new("project", list), new("party", party), new("outcome", outcome));

    /// <summary>Counts one refused query; <paramref name="reason"/> is one of <see cref="QueryRefusalReason"/>'s codes.</summary>
    public void Refusal(string list, string party, string reason) =>
        _refusals.Add(1, new("project", list), new("party", party), new("reason", reason));
}
