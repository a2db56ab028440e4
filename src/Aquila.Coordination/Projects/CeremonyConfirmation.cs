namespace Aquila.Coordination.Projects;

/// <summary>A node's confirmation that it finished the key ceremony, with the transcript fingerprint it computed.</summary>
/// <param name="Party">The confirming party.</param>
/// <param name="TranscriptFingerprint">The short fingerprint the node printed (upper-cased); every party must report the same.</param>
/// <param name="ConfirmedAt">When the confirmation was recorded.</param>
public sealed record CeremonyConfirmation(string Party, string TranscriptFingerprint, DateTimeOffset ConfirmedAt);
