using System.Runtime.CompilerServices;
using Aquila.Matching.Index;

namespace Aquila.Matching.Stage2;

/// <summary>
/// The pair → candidate slot index of <see cref="CandidatePairs"/>: open addressing with linear probing over one
/// <c>ulong</c> per entry (the upper 32 bits of the pair's hash, which also pick where its probe starts, then slot + 1;
/// 0 is empty), the pairs themselves read from the candidates' own array only when those 32 bits match. 8 bytes per
/// entry at most three quarters full, against 32 per entry for a <c>Dictionary&lt;HitPair, int&gt;</c> plus its
/// buckets, and a look-up of a new pair touches one entry, not two arrays. Entries are never removed one by one:
/// withdrawing a party rebuilds the index from the candidates that stay.
/// </summary>
internal sealed class PairSlotIndex
{
    private ulong[] _entries = new ulong[1024];
    private int _count;

    /// <summary>Entries in use.</summary>
    public int Count => _count;

    /// <summary>Bytes the index takes.</summary>
    public long Bytes => 8L * _entries.Length;

    /// <summary>The slot of <paramref name="pair"/> in <paramref name="pairs"/>, or -1.</summary>
    public int Find(in HitPair pair, HitPair[] pairs)
    {
        var hash = Hash(pair);
        var mask = _entries.Length - 1;
        var tag = hash & 0xFFFF_FFFF_0000_0000UL;
        for (var i = Start(hash, mask); ; i = (i + 1) & mask)
        {
            var entry = _entries[i];
            if (entry == 0)
            {
                return -1;
            }

            var slot = (int)(uint)entry - 1;
            if ((entry & 0xFFFF_FFFF_0000_0000UL) == tag && pairs[slot] == pair)
            {
                return slot;
            }
        }
    }

    /// <summary>Adds <paramref name="pair"/> at <paramref name="slot"/>; the pair must not be in the index.</summary>
    public void Add(in HitPair pair, int slot)
    {
        if ((_count + 1) * 4L > _entries.Length * 3L)
        {
            Grow();
        }

        Insert(_entries, Hash(pair), slot);
        _count++;
    }

    /// <summary>Empties the index, keeping room for <paramref name="capacity"/> pairs.</summary>
    public void Clear(int capacity)
    {
        var size = 1024;
        while (size * 3L < capacity * 4L)
        {
            size *= 2;
        }

        _entries = new ulong[size];
        _count = 0;
    }

    private void Grow()
    {
        var grown = new ulong[_entries.Length * 2];
        foreach (var entry in _entries)
        {
            if (entry != 0)
            {
                Insert(grown, entry, (int)(uint)entry - 1); // the stored upper half is all a start needs
            }
        }

        _entries = grown;
    }

    private static void Insert(ulong[] entries, ulong hash, int slot)
    {
        var mask = entries.Length - 1;
        var i = Start(hash, mask);
        while (entries[i] != 0)
        {
            i = (i + 1) & mask;
        }

        entries[i] = (hash & 0xFFFF_FFFF_0000_0000UL) | (uint)(slot + 1);
    }

    private static int Start(ulong hash, int mask) => (int)(uint)(hash >> 32) & mask;

    // The pair's 64-bit hash: ordinals in the low and high words mixed with the parties by a multiply-xorshift finaliser.
    // Ordinals are given out in arrival order, not chosen by a party, so no seed is needed against crafted collisions.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong Hash(in HitPair pair)
    {
        var key = ((ulong)(uint)pair.OrdinalA << 32) | (uint)pair.OrdinalB;
        key ^= ((ulong)(uint)pair.PartyA * 0x9E37_79B9_7F4A_7C15UL) + ((ulong)(uint)pair.PartyB << 56);
        key ^= key >> 33;
        key *= 0xFF51_AFD7_ED55_8CCDUL;
        key ^= key >> 33;
        key *= 0xC4CE_B9FE_1A85_EC53UL;
        key ^= key >> 33;
        return key;
    }
}
