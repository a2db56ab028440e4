namespace Aquila.Tokens.Keys;

/// <summary>How much a hit on a match key is worth. Higher is stronger; the matcher reports a pair's best band.</summary>
public enum MatchBand : byte
{
    /// <summary>A weak candidate: worth a look by an analyst, never acted on alone.</summary>
    Possible = 1,

    /// <summary>Likely the same person; namesakes remain possible.</summary>
    Probable = 2,

    /// <summary>An identifier or a name and date lifted by an independent field.</summary>
    Strong = 3,
}
