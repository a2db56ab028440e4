using System.Runtime.InteropServices;

namespace Aquila.Matching.Stage2;

/// <summary>
/// What the candidate index keeps of one posting besides its vector, in one 16-byte struct: walking a block token's
/// chain reads one cache line per posting instead of one per field array (the chain walk was most of a new record's
/// cost when the fields sat in separate arrays).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal struct PostingEntry
{
    /// <summary>The next posting in the token's chain, or -1.</summary>
    public int Next;

    /// <summary>The record's ordinal in its party.</summary>
    public int Ordinal;

    /// <summary>The token number the posting is chained under.</summary>
    public int TokenOf;

    /// <summary>The posting's block order (<see cref="CandidateIndex.BlockOrder"/>).</summary>
    public ushort Order;

    /// <summary>The party, or <see cref="CandidateIndex.RemovedParty"/> once its data set is withdrawn.</summary>
    public byte Party;
}
