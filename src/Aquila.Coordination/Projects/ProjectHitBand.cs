namespace Aquila.Coordination.Projects;

/// <summary>The strength of a hit as the coordination module records and counts it (the matcher's band).</summary>
public enum ProjectHitBand
{
    /// <summary>Worth a look; many namesakes agree.</summary>
    Possible,

    /// <summary>Likely the same person.</summary>
    Probable,

    /// <summary>Almost certainly the same person.</summary>
    Strong,
}
