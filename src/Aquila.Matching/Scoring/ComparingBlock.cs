namespace Aquila.Matching.Scoring;

/// <summary>
/// The canonical comparing block of a candidate pair (issue 16): of the usable block values two records share, the one
/// in the block that comes first in the schema's block list, and among that block's values (only a year block has two,
/// Y and Y+1) the one the records list first. The matcher and <c>aquila eval</c> both compare a pair under it, so a
/// pair's agreement levels — which depend on the block's salt — do not depend on the order records arrive in.
/// </summary>
public static class ComparingBlock
{
    /// <summary>The key of a pair's comparing block when it is not known (read from an older snapshot): any known key is lower.</summary>
    public const int Unknown = int.MaxValue;

    /// <summary>
    /// The order key of the shared block value at index <paramref name="blockIndex"/> in the schema's block list, where it
    /// is the <paramref name="rankA"/>-th value of that block for the pair's first record (the lower party index) and the
    /// <paramref name="rankB"/>-th for the second: lower is preferred.
    /// </summary>
    public static int Key(int blockIndex, int rankA, int rankB)
    {
        rankA = Math.Min(rankA, 15);
        rankB = Math.Min(rankB, 15);
        return (blockIndex << 9) | ((rankA + rankB) << 4) | rankA;
    }
}
