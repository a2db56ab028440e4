namespace Aquila.Matching.Stage2;

/// <summary>
/// The candidate slots of the record being added, by the other record of each pair (party, ordinal): a record that
/// shares several blocks with another meets it once per block, and every meeting after the first finds the slot here, in
/// a small table that stays in cache, instead of in the project's pair index. Exact: a slot is noted only for a pair the
/// index holds (found or just added), and slots never move. <see cref="Reset"/> before each record.
/// </summary>
internal sealed class RecordPairCache
{
    private ulong[] _keys = new ulong[1024]; // party << 32 | ordinal
    private int[] _slots = new int[1024];
    private int[] _stamps = new int[1024]; // an entry belongs to the current record when its stamp is the current one
    private int _stamp = 1;
    private int _count;

    /// <summary>Forgets the previous record's pairs.</summary>
    public void Reset()
    {
        _count = 0;
        if (++_stamp == int.MaxValue)
        {
            Array.Clear(_stamps);
            _stamp = 1;
        }
    }

    /// <summary>The slot of the current record's pair with (<paramref name="party"/>, <paramref name="ordinal"/>), if noted.</summary>
    public bool TryGet(int party, int ordinal, out int slot)
    {
        var key = Key(party, ordinal);
        var mask = _keys.Length - 1;
        for (var i = Start(key, mask); _stamps[i] == _stamp; i = (i + 1) & mask)
        {
            if (_keys[i] == key)
            {
                slot = _slots[i];
                return true;
            }
        }

        slot = -1;
        return false;
    }

    /// <summary>Notes the slot of the current record's pair with (<paramref name="party"/>, <paramref name="ordinal"/>), not noted yet.</summary>
    public void Set(int party, int ordinal, int slot)
    {
        if ((_count + 1) * 2 > _keys.Length)
        {
            Grow();
        }

        Insert(Key(party, ordinal), slot);
        _count++;
    }

    private void Insert(ulong key, int slot)
    {
        var mask = _keys.Length - 1;
        var i = Start(key, mask);
        while (_stamps[i] == _stamp)
        {
            i = (i + 1) & mask;
        }

        (_keys[i], _slots[i], _stamps[i]) = (key, slot, _stamp);
    }

    private void Grow()
    {
        var (keys, slots, stamps, stamp) = (_keys, _slots, _stamps, _stamp);
        _keys = new ulong[keys.Length * 2];
        _slots = new int[keys.Length * 2];
        _stamps = new int[keys.Length * 2];
        for (var i = 0; i < keys.Length; i++)
        {
            if (stamps[i] == stamp)
            {
                Insert(keys[i], slots[i]);
            }
        }
    }

    private static ulong Key(int party, int ordinal) => ((ulong)(uint)party << 32) | (uint)ordinal;

    private static int Start(ulong key, int mask) => (int)((key * 0x9E37_79B9_7F4A_7C15UL) >> 40) & mask;
}
