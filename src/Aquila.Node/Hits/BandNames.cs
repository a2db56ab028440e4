using Aquila.Tokens.Keys;

namespace Aquila.Node.Hits;

/// <summary>The names of the bands as the node shows them (listings, the inbox, exports).</summary>
public static class BandNames
{
    /// <summary>Strongest first.</summary>
    public static IReadOnlyList<string> All { get; } = ["strong", "probable", "possible"];

    public static string Of(MatchBand band) => band switch
    {
        MatchBand.Strong => "strong",
        MatchBand.Probable => "probable",
        _ => "possible",
    };
}
