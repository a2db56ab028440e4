using Aquila.Tokens.Keys;

namespace Aquila.Coordination.Projects;

/// <summary>
/// A retained hit's band as the project store keeps it: the text of the <c>retained_hits.band</c> column
/// (<c>possible</c>, <c>probable</c>, <c>strong</c>, checked by the schema). The store's one band mapper.
/// </summary>
internal static class StoredBand
{
    /// <summary>The stored text of <paramref name="band"/>.</summary>
    public static string Text(MatchBand band) => band switch
    {
        MatchBand.Possible => "possible",
        MatchBand.Probable => "probable",
        MatchBand.Strong => "strong",
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Not a defined hit band."),
    };

    /// <summary>The band stored as <paramref name="text"/>.</summary>
    public static MatchBand Parse(string text) => text switch
    {
        "possible" => MatchBand.Possible,
        "probable" => MatchBand.Probable,
        "strong" => MatchBand.Strong,
        _ => throw new ProjectStoreException("A retained hit has an unknown band; the database is damaged."),
    };
}
