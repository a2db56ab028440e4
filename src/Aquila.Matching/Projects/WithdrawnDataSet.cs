namespace Aquila.Matching.Projects;

/// <summary>What a replacing batch withdrew: the party's earlier data set (ids and counts only, for the audit).</summary>
/// <param name="BatchIds">The 16-byte ids of the withdrawn batches, oldest first.</param>
/// <param name="Records">Records in the withdrawn batches.</param>
/// <param name="Tokens">Tokens in the withdrawn batches.</param>
/// <param name="Hits">Distinct hits withdrawn (each shows as a withdrawal in both of its parties' streams).</param>
public sealed record WithdrawnDataSet(IReadOnlyList<ReadOnlyMemory<byte>> BatchIds, long Records, long Tokens, long Hits);
