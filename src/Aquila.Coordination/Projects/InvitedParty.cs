namespace Aquila.Coordination.Projects;

/// <summary>A party invited to a project.</summary>
/// <param name="Party">The party code (2 or 3 upper-case letters, as in its certificates).</param>
/// <param name="DeclaredRecords">The size of the data set the party declares, in records; submissions above it are refused.</param>
/// <param name="Controller">The data controller at that party (an authority's name, 1–200 characters).</param>
public sealed record InvitedParty(string Party, long DeclaredRecords, string Controller);
