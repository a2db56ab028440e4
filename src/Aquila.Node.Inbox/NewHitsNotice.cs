namespace Aquila.Node.Inbox;

/// <summary>
/// What a notification says about one project: the party, the new hits' ids and bands, and the counts per state. By
/// construction there is no record id, note or anything personal in it.
/// </summary>
public sealed record NewHitsNotice(string Party, string Project, IReadOnlyList<NewHitsNotice.Hit> Hits, IReadOnlyDictionary<string, long> Counts)
{
    /// <summary>One new hit: its id and band.</summary>
    public sealed record Hit(string HitId, string Band);

    /// <summary>A one-line summary (the e-mail's subject).</summary>
    public string Summary => $"Aquila: {Hits.Count} new hit{(Hits.Count == 1 ? "" : "s")} in project {Project} ({Party})";
}
