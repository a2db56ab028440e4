using Aquila.Tokens.Keys;

namespace Aquila.Matching.Index;

/// <summary>
/// A band as one byte in the project log, snapshots and Redis: the numeric value of <see cref="MatchBand"/>
/// (1 possible, 2 probable, 3 strong; 0 is no band and never stored for a hit). The one place bands become bytes and
/// back, so the stored formats do not depend on casts scattered through the matcher.
/// </summary>
public static class BandCodes
{
    /// <summary>Largest code of a band (strong); the codes are 1 to this.</summary>
    public const int MaxCode = 3;

    /// <summary>No band (code 0): the best band of an empty key mask, below every band, never the band of a hit.</summary>
    public const MatchBand NoBand = 0;

    /// <summary>The stored byte of <paramref name="band"/> (0 for <see cref="NoBand"/>).</summary>
    public static byte ToByte(MatchBand band) => band switch
    {
        MatchBand.Possible => 1,
        MatchBand.Probable => 2,
        MatchBand.Strong => 3,
        NoBand => 0,
        _ => throw new ArgumentOutOfRangeException(nameof(band), band, "A band is possible, probable or strong."),
    };

    /// <summary>The band stored as <paramref name="code"/>; false when the code is no band.</summary>
    public static bool TryRead(long code, out MatchBand band)
    {
        band = code switch
        {
            1 => MatchBand.Possible,
            2 => MatchBand.Probable,
            3 => MatchBand.Strong,
            _ => default,
        };
        return code is >= 1 and <= MaxCode;
    }
}
