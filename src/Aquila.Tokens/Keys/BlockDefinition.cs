namespace Aquila.Tokens.Keys;

/// <summary>A candidate block of a schema's scoring section: its id and the parts its value is made of.</summary>
/// <param name="Id">Block id, e.g. <c>b_family_year</c>.</param>
/// <param name="Parts">The parts, in the order they are joined.</param>
public sealed record BlockDefinition(string Id, IReadOnlyList<BlockPart> Parts);
