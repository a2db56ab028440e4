using System.IO.Hashing;
using System.Security.Cryptography;

namespace Aquila.Matching.Index;

/// <summary>
/// One party's record handles, numbered by ordinal in arrival order: handles are stored back to back in one growing
/// byte array, with an open-addressing lookup so a handle seen again (a record split across batches) keeps its ordinal.
/// </summary>
/// <remarks>Not thread-safe; the owning <see cref="HitDetector"/> serialises access.</remarks>
public sealed partial class HandleTable
{
    private const int HandleSize = RecordHandle.Size;

    // Seeded so a party cannot craft handles that collide in the lookup and slow everyone down.
    private readonly ulong _seed = BitConverter.ToUInt64(RandomNumberGenerator.GetBytes(8));
    private byte[] _handles;
    private int[] _slots; // ordinal + 1, 0 = empty
    private int _count;

    /// <summary>Creates an empty table sized for <paramref name="initialCapacity"/> handles.</summary>
    public HandleTable(int initialCapacity = 16)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(initialCapacity);
        var capacity = Math.Max(16, initialCapacity);
        _handles = new byte[capacity * HandleSize];
        _slots = new int[SlotsFor(capacity)];
    }

    /// <summary>Number of distinct handles.</summary>
    public int Count => _count;

    /// <summary>The handle of ordinal <paramref name="ordinal"/> as a span into the table (valid until the next add).</summary>
    public ReadOnlySpan<byte> this[int ordinal]
    {
        get
        {
            if ((uint)ordinal >= (uint)_count)
            {
                throw new ArgumentOutOfRangeException(nameof(ordinal), $"Ordinal {ordinal} is outside the table's {_count} handles.");
            }

            return _handles.AsSpan(ordinal * HandleSize, HandleSize);
        }
    }

    /// <summary>The handle of ordinal <paramref name="ordinal"/> as a value.</summary>
    public RecordHandle GetHandle(int ordinal) => RecordHandle.Read(this[ordinal]);

    /// <summary>Returns the ordinal of <paramref name="handle"/>, adding it if it is new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> handle)
    {
        if (handle.Length != HandleSize)
        {
            throw new ArgumentException($"A record handle is {HandleSize} bytes; got {handle.Length}.", nameof(handle));
        }

        var slot = FindSlot(handle, out var existing);
        if (existing >= 0)
        {
            return existing;
        }

        if ((_count + 1) * 4 > _slots.Length * 3)
        {
            Grow();
            slot = FindSlot(handle, out _);
        }

        if ((_count + 1) * HandleSize > _handles.Length)
        {
            Array.Resize(ref _handles, _handles.Length * 2);
        }

        var ordinal = _count++;
        handle.CopyTo(_handles.AsSpan(ordinal * HandleSize));
        _slots[slot] = ordinal + 1;
        return ordinal;
    }

    /// <summary>Returns the ordinal of <paramref name="handle"/>, or -1 when it is not in the table.</summary>
    public int IndexOf(ReadOnlySpan<byte> handle)
    {
        if (handle.Length != HandleSize)
        {
            return -1;
        }

        FindSlot(handle, out var existing);
        return existing;
    }

    /// <summary>Forgets every handle; ordinals start again at 0.</summary>
    public void Clear()
    {
        Array.Clear(_handles);
        Array.Clear(_slots);
        _count = 0;
    }

    private static int SlotsFor(int capacity)
    {
        var slots = 16;
        while (slots * 3 < capacity * 4)
        {
            slots *= 2;
        }

        return slots;
    }

    private int FindSlot(ReadOnlySpan<byte> handle, out int existing)
    {
        var mask = _slots.Length - 1;
        var slot = (int)XxHash3.HashToUInt64(handle, (long)_seed) & mask;
        while (true)
        {
            var entry = _slots[slot];
            if (entry == 0)
            {
                existing = -1;
                return slot;
            }

            if (_handles.AsSpan((entry - 1) * HandleSize, HandleSize).SequenceEqual(handle))
            {
                existing = entry - 1;
                return slot;
            }

            slot = (slot + 1) & mask;
        }
    }

    private void Grow()
    {
        _slots = new int[_slots.Length * 2];
        var mask = _slots.Length - 1;
        for (var ordinal = 0; ordinal < _count; ordinal++)
        {
            var slot = (int)XxHash3.HashToUInt64(_handles.AsSpan(ordinal * HandleSize, HandleSize), (long)_seed) & mask;
            while (_slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            _slots[slot] = ordinal + 1;
        }
    }
}
