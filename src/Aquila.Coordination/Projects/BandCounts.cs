using Aquila.Tokens.Keys;

namespace Aquila.Coordination.Projects;

/// <summary>Hit counts per band.</summary>
/// <param name="Strong">Strong hits.</param>
/// <param name="Probable">Probable hits.</param>
/// <param name="Possible">Possible hits.</param>
public sealed record BandCounts(long Strong, long Probable, long Possible)
{
    /// <summary>No hits.</summary>
    public static BandCounts Zero { get; } = new(0, 0, 0);

    /// <summary>All bands together.</summary>
    public long Total => Strong + Probable + Possible;

    /// <summary>These counts plus <paramref name="count"/> hits of <paramref name="band"/>.</summary>
    public BandCounts Add(MatchBand band, long count) => band switch
    {
        MatchBand.Strong => this with { Strong = Strong + count },
        MatchBand.Probable => this with { Probable = Probable + count },
        MatchBand.Possible => this with { Possible = Possible + count },
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "Not a defined hit band."),
    };
}
