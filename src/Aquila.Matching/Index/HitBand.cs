namespace Aquila.Matching.Index;

/// <summary>Strength of a match key, and of a hit (the best band among its agreeing keys). Higher is stronger.</summary>
public enum HitBand : byte
{
    /// <summary>No band; never the band of a hit.</summary>
    None = 0,

    /// <summary>Worth a look; many namesakes will agree.</summary>
    Possible = 1,

    /// <summary>Likely the same person.</summary>
    Probable = 2,

    /// <summary>Almost certainly the same person (identifiers, or names with independent confirmation).</summary>
    Strong = 3,
}
