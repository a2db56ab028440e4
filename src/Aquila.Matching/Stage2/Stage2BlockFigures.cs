namespace Aquila.Matching.Stage2;

/// <summary>
/// Where a project's stage-2 candidates come from, per block (index in the schema's block list): the live candidates
/// compared under it (their canonical comparing block, the lowest usable block the pair shares), the cross-party pairs
/// its usable values make (a pair that shares several blocks counts under each), and its values that a party has left
/// (past the block's fanout cap). Counts only.
/// </summary>
/// <param name="Candidates">Live candidates whose comparing block is this block.</param>
/// <param name="PairsMade">Cross-party pairs of postings under this block's usable values (with the overlaps between blocks).</param>
/// <param name="Values">Distinct values (tokens) of this block.</param>
/// <param name="ValuesOverCap">Values at least one party has left (more of its records than the block's cap).</param>
public readonly record struct Stage2BlockFigures(long Candidates, long PairsMade, long Values, long ValuesOverCap);
