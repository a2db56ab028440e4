namespace Aquila.Tokens.Comparison;

/// <summary>
/// One candidate block of a record as the node sends it: the block's index in the schema's
/// <see cref="Keys.ScoringSpec.Blocks"/>, the block token (what the matcher groups candidates by) and the record's
/// comparison vector under that block value's salt. The plain block value and the salt never leave the node.
/// </summary>
/// <param name="BlockIndex">Index of the block in the schema's scoring section.</param>
/// <param name="Token">Block token, <see cref="Stage2Keys.Length"/> bytes.</param>
/// <param name="Vector">Comparison vector, <see cref="RecordComparisonWriter.Length"/> bytes (the schema's layout).</param>
public readonly record struct BlockVector(int BlockIndex, byte[] Token, byte[] Vector);
