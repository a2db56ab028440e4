namespace Aquila.Matching.Index;

// Snapshot: the used part of both arrays and the free-list heads, byte for byte, so restored node numbers are the same.
internal sealed partial class PostingPool
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteInt32(_groupsUsed);
        writer.WriteInt32(_ordinalsUsed);
        writer.WriteInt32(_freeGroup);
        writer.WriteInt32(_freeOrdinal);
        writer.WriteArray<int>(_groups.AsSpan(0, _groupsUsed * GroupInts));
        writer.WriteArray<int>(_ordinals.AsSpan(0, _ordinalsUsed * OrdinalInts));
    }

    public void ReadState(StateReader reader)
    {
        var groups = reader.ReadCount(int.MaxValue / GroupInts - 1, "posting group");
        var ordinals = reader.ReadCount(int.MaxValue / OrdinalInts - 1, "posting ordinal");
        var freeGroup = reader.ReadInt32();
        var freeOrdinal = reader.ReadInt32();
        if (groups < 1 || ordinals < 1 || (uint)freeGroup >= (uint)groups || (uint)freeOrdinal >= (uint)ordinals)
        {
            StateReader.ThrowBad("the posting pool's node counts do not fit together");
        }

        // One spare node each, so the first add after a restore does not have to grow the arrays.
        _groups = new int[(groups + 1) * GroupInts];
        _ordinals = new int[(ordinals + 1) * OrdinalInts];
        reader.ReadArray<int>(_groups.AsSpan(0, groups * GroupInts));
        reader.ReadArray<int>(_ordinals.AsSpan(0, ordinals * OrdinalInts));
        (_groupsUsed, _ordinalsUsed, _freeGroup, _freeOrdinal) = (groups, ordinals, freeGroup, freeOrdinal);
    }
}
