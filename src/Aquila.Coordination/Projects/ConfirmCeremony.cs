namespace Aquila.Coordination.Projects;

/// <summary>A node confirms it finished the ceremony for its own party, with the transcript fingerprint it computed.</summary>
public sealed record ConfirmCeremony(string Party, string TranscriptFingerprint) : ProjectAction
{
    /// <summary>Longest fingerprint.</summary>
    public const int MaxFingerprintLength = 128;

    /// <summary>
    /// The ceremony round the node ran (<see cref="MatchingProject.CeremonyRound"/>); a confirmation from an older
    /// round is refused. Null: not checked.
    /// </summary>
    public int? CeremonyRound { get; init; }

    /// <inheritdoc/>
    public override string Description => "confirm the key ceremony";

    /// <inheritdoc/>
    public override string Name => "ceremony.confirm";
}
