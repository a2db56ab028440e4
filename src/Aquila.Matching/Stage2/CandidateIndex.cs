using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Aquila.Matching.Stage2;

/// <summary>
/// Stage-2 postings of one project: per block token (already re-keyed with K_server) a chain of postings (party, record
/// ordinal), each with its comparison vector in a byte arena of fixed-size chunks (posting i's vector at i × vector
/// length, counted over the chunks, so no offset passes an int however many postings a project holds) and its
/// other fields in one <see cref="PostingEntry"/>, so a posting costs its vector and 16 bytes, never an object. A party
/// holding more than its block's fanout cap (<see cref="CapOf"/>) of records under one block token is not used there: its postings past the cap are
/// not stored at all, so a chain holds at most parties × (cap + 1) postings and walking it stays cheap. Each posting
/// also keeps its block order (the block's index in the schema and the value's rank among the record's values of that
/// block), which picks a pair's canonical comparing block, and its token's number, so the blocks two records share can
/// be found again.
/// </summary>
internal sealed partial class CandidateIndex
{
    /// <summary>The party of a posting whose data set was withdrawn.</summary>
    public const byte RemovedParty = byte.MaxValue;

    /// <summary>The block order of a posting read from a version-4 snapshot, which did not keep it.</summary>
    public const ushort UnknownOrder = ushort.MaxValue;

    private readonly Dictionary<UInt128, int> _tokenIds = [];
    private readonly int _vectorLength;
    private readonly int _partyCount;
    private int[] _heads = [];
    private ushort[] _counts = []; // live postings per token and party (token id × parties + party): no chain walk to count
    private byte[][] _vectors = []; // VectorsPerChunk postings' vectors per chunk: no offset past an int, no array past its limit
    private int _vectorChunks; // chunks allocated in _vectors
    private PostingEntry[] _postings = [];
    private int _count;

    private readonly int[] _blockFanout; // the cap of each block by its index in the schema (CapOf)

    /// <summary>
    /// An index whose block <c>b</c> (index in the schema's block list) has fanout cap <paramref name="blockFanout"/>[b],
    /// and any other block (a posting whose block order is unknown) <paramref name="maxFanout"/>.
    /// </summary>
    public CandidateIndex(int vectorLength, int maxFanout, int parties, ReadOnlySpan<int> blockFanout = default)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxFanout, ushort.MaxValue - 1);
        foreach (var cap in blockFanout)
        {
            ArgumentOutOfRangeException.ThrowIfGreaterThan(cap, ushort.MaxValue - 1, nameof(blockFanout));
        }

        _vectorLength = vectorLength;
        _partyCount = parties;
        MaxFanout = maxFanout;
        _blockFanout = blockFanout.ToArray();
    }

    /// <summary>Records of one party under one block token beyond which that party is left out of it, for a block without a cap of its own.</summary>
    public int MaxFanout { get; }

    /// <summary>
    /// The fanout cap of the block a posting of block order <paramref name="order"/> belongs to (every posting under one
    /// token has the same block: the block id is part of the token).
    /// </summary>
    public int CapOf(int order)
    {
        var block = order >> 4;
        return (uint)block < (uint)_blockFanout.Length ? _blockFanout[block] : MaxFanout;
    }

    /// <summary>Postings stored (including withdrawn ones, whose space is not reused).</summary>
    public int Count => _count;

    /// <summary>Distinct block tokens.</summary>
    public int TokenCount => _tokenIds.Count;

    /// <summary>Bytes the postings and vectors take (arrays and token table, approximately).</summary>
    public long Bytes => ((long)_vectorChunks * VectorsPerChunk * _vectorLength) + (16L * _postings.Length) + (_tokenIds.Count * (32L + (2L * _partyCount)));

    /// <summary>The comparison vector of posting <paramref name="posting"/>.</summary>
    public ReadOnlySpan<byte> Vector(int posting) =>
        _vectors[posting >> ChunkShift].AsSpan((posting & (VectorsPerChunk - 1)) * _vectorLength, _vectorLength);

    // Postings per vector chunk (a power of two): 4,096 × 134 bytes ≈ 0.5 MB.
    private const int ChunkShift = 12;
    private const int VectorsPerChunk = 1 << ChunkShift;

    // The vector chunks for postings 0 .. count - 1, adding what is missing.
    private void EnsureVectorChunks(int count)
    {
        var chunks = (count + VectorsPerChunk - 1) >> ChunkShift;
        if (chunks > _vectors.Length)
        {
            Array.Resize(ref _vectors, Math.Max(chunks, _vectors.Length * 2));
        }

        for (; _vectorChunks < chunks; _vectorChunks++)
        {
            _vectors[_vectorChunks] = new byte[VectorsPerChunk * _vectorLength];
        }
    }

    /// <summary>The party of posting <paramref name="posting"/>.</summary>
    public int Party(int posting) => _postings[posting].Party;

    /// <summary>The record ordinal of posting <paramref name="posting"/>.</summary>
    public int Ordinal(int posting) => _postings[posting].Ordinal;

    /// <summary>The fields of posting <paramref name="posting"/> besides its vector, read at once (one cache line).</summary>
    public ref readonly PostingEntry Entry(int posting) => ref _postings[posting];

    /// <summary>The number of <paramref name="token"/> in this index, added (with no postings) when it is new.</summary>
    public int TokenId(UInt128 token)
    {
        ref var id = ref CollectionsMarshal.GetValueRefOrAddDefault(_tokenIds, token, out var exists);
        if (!exists)
        {
            id = _tokenIds.Count - 1;
            if (id == _heads.Length)
            {
                var size = Math.Max(1024, _heads.Length * 2);
                Array.Resize(ref _heads, size);
                Array.Resize(ref _counts, size * _partyCount);
            }

            _heads[id] = -1;
        }

        return id;
    }

    /// <summary>The first posting under token <paramref name="id"/>, or -1; follow with <see cref="Next"/>.</summary>
    public int First(int id) => _heads[id];

    /// <summary>The token number of posting <paramref name="posting"/>.</summary>
    public int TokenOf(int posting) => _postings[posting].TokenOf;

    /// <summary>The block order of posting <paramref name="posting"/> (see <see cref="BlockOrder"/>).</summary>
    public int Order(int posting) => _postings[posting].Order;

    /// <summary>
    /// A posting's block order: the block's index in the schema's block list, then the value's rank among the record's
    /// values of that block (the node writes them in a fixed order: a year block's Y before Y+1).
    /// </summary>
    public static ushort BlockOrder(int blockIndex, int rank) => (ushort)((blockIndex << 4) | Math.Min(rank, 15));

    /// <summary>
    /// The postings of the record that posting <paramref name="posting"/> belongs to: a record's postings are added one
    /// after another (<see cref="ProjectScoring.AddBatch(int, Aquila.Matching.Index.TokenBatch, ReadOnlySpan{int})"/>), so they are the run of neighbours with its party and ordinal.
    /// </summary>
    public Range RecordRange(int posting)
    {
        var (party, ordinal) = (_postings[posting].Party, _postings[posting].Ordinal);
        var start = posting;
        while (start > 0 && _postings[start - 1].Party == party && _postings[start - 1].Ordinal == ordinal)
        {
            start--;
        }

        var end = posting + 1;
        while (end < _count && _postings[end].Party == party && _postings[end].Ordinal == ordinal)
        {
            end++;
        }

        return start..end;
    }

    /// <summary>The posting after <paramref name="posting"/> in its chain, or -1.</summary>
    public int Next(int posting) => _postings[posting].Next;

    /// <summary>True when the posting belongs to a withdrawn data set.</summary>
    public bool IsRemoved(int posting) => _postings[posting].Party == RemovedParty;

    /// <summary>Live postings of each party under token <paramref name="id"/>.</summary>
    public void CountParties(int id, Span<int> perParty)
    {
        var counts = _counts.AsSpan(id * _partyCount, _partyCount);
        for (var p = 0; p < counts.Length; p++)
        {
            perParty[p] = counts[p];
        }
    }

    /// <summary>Adds a posting at the head of token <paramref name="id"/>'s chain; returns its index.</summary>
    public int Add(int id, int party, int ordinal, ushort order, ReadOnlySpan<byte> vector)
    {
        if (_count == _postings.Length)
        {
            var size = Math.Max(1024, _postings.Length * 2);
            Array.Resize(ref _postings, size);
        }

        var at = _count++;
        _postings[at] = new PostingEntry { Next = _heads[id], Ordinal = ordinal, TokenOf = id, Order = order, Party = (byte)party };
        EnsureVectorChunks(at + 1);
        vector.CopyTo(_vectors[at >> ChunkShift].AsSpan((at & (VectorsPerChunk - 1)) * _vectorLength));
        _heads[id] = at;
        _counts[(id * _partyCount) + party]++; // at most cap + 1: a party past it adds no posting
        return at;
    }

    /// <summary>Marks every posting of <paramref name="party"/> withdrawn (its data set was replaced).</summary>
    public void RemoveParty(int party)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_postings[i].Party == party)
            {
                _postings[i].Party = RemovedParty;
            }
        }

        for (var id = 0; id < _tokenIds.Count; id++)
        {
            _counts[(id * _partyCount) + party] = 0;
        }
    }

    /// <summary>A block token as the table's key.</summary>
    public static UInt128 Key(ReadOnlySpan<byte> token) => BinaryPrimitives.ReadUInt128BigEndian(token);
}
