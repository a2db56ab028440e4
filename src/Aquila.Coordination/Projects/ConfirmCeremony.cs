namespace Aquila.Coordination.Projects;

/// <summary>A node confirms it finished the ceremony for its own party, with the transcript fingerprint it computed.</summary>
public sealed record ConfirmCeremony(string Party, string TranscriptFingerprint) : ProjectAction
{
    /// <summary>Longest fingerprint.</summary>
    public const int MaxFingerprintLength = 128;

    /// <inheritdoc/>
    public override string Description => "confirm the key ceremony";

    /// <inheritdoc/>
    public override string Name => "ceremony.confirm";
}
