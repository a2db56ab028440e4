using Aquila.Matching.Index;

namespace Aquila.Matching.Stage2;

// The postings in a project snapshot: the arrays as they are, and the token heads (version 5 adds each posting's block
// order; the token numbers are rebuilt from the chains).
internal sealed partial class CandidateIndex
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteInt32(_count);
        writer.WriteArray<byte>(_parties.AsSpan(0, _count));
        writer.WriteArray<int>(_ordinals.AsSpan(0, _count));
        writer.WriteArray<int>(_next.AsSpan(0, _count));
        writer.WriteArray<byte>(_vectors.AsSpan(0, _count * _vectorLength));
        writer.WriteArray<ushort>(_order.AsSpan(0, _count));
        writer.WriteInt32(_tokenIds.Count);
        Span<byte> entry = stackalloc byte[20];
        foreach (var (token, id) in _tokenIds)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(entry, token);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(entry[16..], _heads[id]);
            writer.WriteBytes(entry);
        }
    }

    /// <summary>Reads the postings; a version-4 snapshot has no block orders (<see cref="UnknownOrder"/>).</summary>
    public void ReadState(StateReader reader, bool withOrders)
    {
        var count = reader.ReadCount(Array.MaxLength / Math.Max(1, _vectorLength), "stage-2 posting");
        _parties = new byte[count];
        _ordinals = new int[count];
        _next = new int[count];
        _vectors = new byte[count * _vectorLength];
        reader.ReadArray<byte>(_parties);
        reader.ReadArray<int>(_ordinals);
        reader.ReadArray<int>(_next);
        reader.ReadArray<byte>(_vectors);
        _order = new ushort[count];
        if (withOrders)
        {
            reader.ReadArray<ushort>(_order);
        }
        else
        {
            _order.AsSpan().Fill(UnknownOrder);
        }

        _count = count;
        for (var i = 0; i < count; i++)
        {
            if (_next[i] < -1 || _next[i] >= i)
            {
                StateReader.ThrowBad("a stage-2 posting chain is out of order");
            }
        }

        var tokens = reader.ReadCount(count, "stage-2 block token");
        _tokenIds.Clear();
        _tokenIds.EnsureCapacity(tokens);
        _heads = new int[Math.Max(1, tokens)];
        _counts = new ushort[Math.Max(1, tokens) * _partyCount];
        _tokenOf = new int[count];
        _tokenOf.AsSpan().Fill(-1);
        for (var id = 0; id < tokens; id++)
        {
            var entry = reader.Fill(20);
            var head = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(entry[16..]);
            if (head < 0 || head >= count || !_tokenIds.TryAdd(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(entry), id))
            {
                StateReader.ThrowBad("a stage-2 block token points outside the postings or appears twice");
            }

            _heads[id] = head;
            for (var p = head; p >= 0; p = _next[p])
            {
                if (_tokenOf[p] >= 0)
                {
                    StateReader.ThrowBad("a stage-2 posting is in two chains");
                }

                _tokenOf[p] = id;
                if (_parties[p] != Removed)
                {
                    if (_parties[p] >= _partyCount)
                    {
                        StateReader.ThrowBad("a stage-2 posting names no party of the project");
                    }

                    _counts[(id * _partyCount) + _parties[p]]++;
                }
            }
        }
    }
}
