using System.Buffers.Binary;

namespace Aquila.Matching.Stage2;

/// <summary>
/// Stage-2 postings of one project: per block token (already re-keyed with K_server) a chain of postings (party, record
/// ordinal), each with its comparison vector in one flat byte arena (posting i's vector at i × vector length), so a
/// posting costs its vector and 9 bytes, never an object. A party holding more than the fanout cap of records under one
/// block token is not used there: its postings past the cap are not stored at all, so a chain holds at most
/// parties × (cap + 1) postings and walking it stays cheap.
/// </summary>
internal sealed partial class CandidateIndex
{
    private const byte Removed = byte.MaxValue;

    private readonly Dictionary<UInt128, int> _heads = [];
    private readonly int _vectorLength;
    private byte[] _vectors = [];
    private byte[] _parties = [];
    private int[] _ordinals = [];
    private int[] _next = [];
    private int _count;

    public CandidateIndex(int vectorLength, int maxFanout)
    {
        _vectorLength = vectorLength;
        MaxFanout = maxFanout;
    }

    /// <summary>Records of one party under one block token beyond which that party is left out of it.</summary>
    public int MaxFanout { get; }

    /// <summary>Postings stored (including withdrawn ones, whose space is not reused).</summary>
    public int Count => _count;

    /// <summary>Distinct block tokens.</summary>
    public int TokenCount => _heads.Count;

    /// <summary>Bytes the postings and vectors take (arrays and token table, approximately).</summary>
    public long Bytes => _vectors.LongLength + _parties.LongLength + (4L * _ordinals.Length) + (4L * _next.Length) + (_heads.Count * 28L);

    /// <summary>The comparison vector of posting <paramref name="posting"/>.</summary>
    public ReadOnlySpan<byte> Vector(int posting) => _vectors.AsSpan(posting * _vectorLength, _vectorLength);

    /// <summary>The party of posting <paramref name="posting"/>.</summary>
    public int Party(int posting) => _parties[posting];

    /// <summary>The record ordinal of posting <paramref name="posting"/>.</summary>
    public int Ordinal(int posting) => _ordinals[posting];

    /// <summary>The first posting under <paramref name="token"/>, or -1; follow with <see cref="Next"/>.</summary>
    public int First(UInt128 token) => _heads.TryGetValue(token, out var head) ? head : -1;

    /// <summary>The posting after <paramref name="posting"/> in its chain, or -1.</summary>
    public int Next(int posting) => _next[posting];

    /// <summary>True when the posting belongs to a withdrawn data set.</summary>
    public bool IsRemoved(int posting) => _parties[posting] == Removed;

    /// <summary>Live postings of each party under the chain starting at <paramref name="head"/>.</summary>
    public void CountParties(int head, Span<int> perParty)
    {
        perParty.Clear();
        for (var p = head; p >= 0; p = _next[p])
        {
            if (_parties[p] != Removed)
            {
                perParty[_parties[p]]++;
            }
        }
    }

    /// <summary>Adds a posting at the head of <paramref name="token"/>'s chain; returns its index.</summary>
    public int Add(UInt128 token, int party, int ordinal, ReadOnlySpan<byte> vector)
    {
        if (_count == _parties.Length)
        {
            var size = Math.Max(1024, _parties.Length * 2);
            Array.Resize(ref _parties, size);
            Array.Resize(ref _ordinals, size);
            Array.Resize(ref _next, size);
            Array.Resize(ref _vectors, size * _vectorLength);
        }

        var at = _count++;
        _parties[at] = (byte)party;
        _ordinals[at] = ordinal;
        _next[at] = _heads.TryGetValue(token, out var head) ? head : -1;
        vector.CopyTo(_vectors.AsSpan(at * _vectorLength));
        _heads[token] = at;
        return at;
    }

    /// <summary>Marks every posting of <paramref name="party"/> withdrawn (its data set was replaced).</summary>
    public void RemoveParty(int party)
    {
        for (var i = 0; i < _count; i++)
        {
            if (_parties[i] == party)
            {
                _parties[i] = Removed;
            }
        }
    }

    /// <summary>A block token as the table's key.</summary>
    public static UInt128 Key(ReadOnlySpan<byte> token) => BinaryPrimitives.ReadUInt128BigEndian(token);
}
