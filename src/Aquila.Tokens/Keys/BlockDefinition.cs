namespace Aquila.Tokens.Keys;

/// <summary>A candidate block of a schema's scoring section: its id, the parts its value is made of, and its own fanout cap.</summary>
/// <param name="Id">Block id, e.g. <c>b_family_year</c>.</param>
/// <param name="Parts">The parts, in the order they are joined.</param>
/// <param name="MaxFanout">
/// The block's own <c>"max_fanout"</c>: records of one party sharing one of its values beyond which that party is left
/// out of the value; null takes the scoring section's <c>"max_block_fanout"</c> (<see cref="ScoringSpec.BlockFanout"/>).
/// </param>
public sealed record BlockDefinition(string Id, IReadOnlyList<BlockPart> Parts, int? MaxFanout = null);
