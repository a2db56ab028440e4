namespace Aquila.Coordination.Projects;

/// <summary>What one party has submitted to a project so far (counts only).</summary>
/// <param name="Party">The party.</param>
/// <param name="Batches">Accepted batches.</param>
/// <param name="Records">Records in those batches.</param>
/// <param name="Tokens">Tokens in those batches.</param>
/// <param name="FirstSubmittedAt">When the first batch was accepted.</param>
/// <param name="LastSubmittedAt">When the latest batch was accepted.</param>
public sealed record PartySubmission(
    string Party, int Batches, long Records, long Tokens, DateTimeOffset FirstSubmittedAt, DateTimeOffset LastSubmittedAt);
