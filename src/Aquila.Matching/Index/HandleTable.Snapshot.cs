using System.IO.Hashing;

namespace Aquila.Matching.Index;

// Snapshot: the handles in ordinal order; the lookup is rebuilt under this process's own seed.
public sealed partial class HandleTable
{
    internal void WriteState(StateWriter writer)
    {
        writer.WriteInt32(_count);
        writer.WriteBytes(_handles.AsSpan(0, _count * HandleSize));
    }

    internal void ReadState(StateReader reader)
    {
        var count = reader.ReadCount((int.MaxValue / HandleSize) - 1, "handle");
        var capacity = Math.Max(16, count);
        _handles = new byte[capacity * HandleSize];
        reader.ReadBytes(_handles.AsSpan(0, count * HandleSize));
        _count = count;
        _slots = new int[SlotsFor(capacity)];
        var mask = _slots.Length - 1;
        for (var ordinal = 0; ordinal < count; ordinal++)
        {
            var handle = _handles.AsSpan(ordinal * HandleSize, HandleSize);
            var slot = (int)XxHash3.HashToUInt64(handle, (long)_seed) & mask;
            while (_slots[slot] != 0)
            {
                if (_handles.AsSpan((_slots[slot] - 1) * HandleSize, HandleSize).SequenceEqual(handle))
                {
                    StateReader.ThrowBad("a party's handle table holds a handle twice");
                }

                slot = (slot + 1) & mask;
            }

            _slots[slot] = ordinal + 1;
        }
    }
}
