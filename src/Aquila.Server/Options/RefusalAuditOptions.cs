using System.ComponentModel.DataAnnotations;

namespace Aquila.Server.Options;

/// <summary>
/// How repeated refusals (authentication failures, malformed requests) reach the audit chain and the log, bound from
/// "Server:Refusals". The first refusal of a kind from a source in an interval is written at once; repeats are counted
/// and written as one summary entry when the interval ends or the server stops, so a flood cannot fill the disk and
/// nothing is silently lost.
/// </summary>
public sealed class RefusalAuditOptions
{
    /// <summary>How long repeats of one refusal (same source, same reason) are counted before their summary is written.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Distinct refusals (source and reason) itemised per interval. Beyond it, refusals of further distinct kinds are
    /// only counted, in one overflow summary entry per interval, so the chain grows by at most about twice this plus one
    /// entry per interval however many sources an attacker uses.
    /// </summary>
    [Range(1, 1_000_000)]
    public int MaxDistinctPerInterval { get; set; } = 200;
}
