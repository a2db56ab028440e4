using Aquila.Matching.Index;

namespace Aquila.Matching.Stage2;

// The postings in a project snapshot: the arrays as they are, and the token heads.
internal sealed partial class CandidateIndex
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteInt32(_count);
        writer.WriteArray<byte>(_parties.AsSpan(0, _count));
        writer.WriteArray<int>(_ordinals.AsSpan(0, _count));
        writer.WriteArray<int>(_next.AsSpan(0, _count));
        writer.WriteArray<byte>(_vectors.AsSpan(0, _count * _vectorLength));
        writer.WriteInt32(_heads.Count);
        Span<byte> entry = stackalloc byte[20];
        foreach (var (token, head) in _heads)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt128LittleEndian(entry, token);
            System.Buffers.Binary.BinaryPrimitives.WriteInt32LittleEndian(entry[16..], head);
            writer.WriteBytes(entry);
        }
    }

    public void ReadState(StateReader reader)
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
        _count = count;
        var heads = reader.ReadCount(count, "stage-2 block token");
        _heads.EnsureCapacity(heads);
        for (var i = 0; i < heads; i++)
        {
            var entry = reader.Fill(20);
            var head = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(entry[16..]);
            if (head < 0 || head >= count)
            {
                StateReader.ThrowBad("a stage-2 block token points outside the postings");
            }

            _heads[System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(entry)] = head;
        }

        for (var i = 0; i < count; i++)
        {
            if (_next[i] < -1 || _next[i] >= i)
            {
                StateReader.ThrowBad("a stage-2 posting chain is out of order");
            }
        }
    }
}
