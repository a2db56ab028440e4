namespace Aquila.Tokens.Batches;

/// <summary>The stage-2 part of a batch header (format version 2): layout and counts, never a token or vector.</summary>
/// <param name="VectorLength">Bytes of one comparison vector.</param>
/// <param name="BlockCount">Blocks of the schema's scoring section; every block index is below it.</param>
/// <param name="BlockEntryCount">Block entries (block token and vector) over all records.</param>
public sealed record BatchStage2(int VectorLength, int BlockCount, long BlockEntryCount)
{
    /// <summary>Bytes of one block entry: block index, block token, vector.</summary>
    public int EntryLength => 1 + BatchFormat.BlockTokenLength + VectorLength;
}
