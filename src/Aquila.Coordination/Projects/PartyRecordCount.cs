namespace Aquila.Coordination.Projects;

/// <summary>One party's declared and submitted data-set size.</summary>
/// <param name="Party">The party.</param>
/// <param name="DeclaredRecords">Records declared at invitation.</param>
/// <param name="SubmittedRecords">Records in accepted batches.</param>
/// <param name="Batches">Accepted batches.</param>
public sealed record PartyRecordCount(string Party, long DeclaredRecords, long SubmittedRecords, int Batches);
