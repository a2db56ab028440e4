using Aquila.Protocol.V1;

namespace Aquila.Server.Tests.Crash;

/// <summary>What the nodes saw before the server was killed.</summary>
/// <param name="Acknowledged">The receipt of every batch that got one, by batch path.</param>
/// <param name="SeenBeforeKill">Per party (in <see cref="CrashWorkload.Parties"/> order), the hit events a following
/// reader received before the kill.</param>
/// <param name="KilledAfter">Time from the first submission to the kill.</param>
/// <param name="FinishedBeforeKill">True when every batch was acknowledged before the kill (the kill missed the ingest).</param>
public sealed record CrashIngestOutcome(
    IReadOnlyDictionary<string, BatchReceipt> Acknowledged,
    IReadOnlyList<IReadOnlyList<HitEvent>> SeenBeforeKill,
    TimeSpan KilledAfter,
    bool FinishedBeforeKill);
