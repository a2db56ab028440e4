namespace Aquila.Coordination.Projects;

/// <summary>A node's attestation that it destroyed its project key and handle map.</summary>
/// <param name="Party">The attesting party.</param>
/// <param name="AttestedAt">When the attestation was recorded.</param>
public sealed record PurgeAttestation(string Party, DateTimeOffset AttestedAt);
