using System.Buffers.Binary;

namespace Aquila.Matching.Index;

// Snapshot: every party's handles, the hits in discovery order, then the token index. The per-batch scratch arrays
// (stamps, masks before) are not state between batches; the pair lookup is rebuilt from the hits.
public sealed partial class HitDetector
{
    private const int HitBytes = HitId.Size + 1 + 4 + 1 + 4 + 1 + 8;

    internal void WriteState(StateWriter writer)
    {
        writer.WriteInt32(_partyCodes.Length);
        foreach (var handles in _handles)
        {
            handles.WriteState(writer);
        }

        writer.WriteInt32(_hitCount);
        for (var i = 0; i < _hitCount; i++)
        {
            ref readonly var hit = ref _hits[i];
            var span = writer.Reserve(HitBytes);
            hit.Id.WriteTo(span);
            span[16] = (byte)hit.PartyA;
            BinaryPrimitives.WriteInt32LittleEndian(span[17..], hit.OrdinalA);
            span[21] = (byte)hit.PartyB;
            BinaryPrimitives.WriteInt32LittleEndian(span[22..], hit.OrdinalB);
            span[26] = BandCodes.ToByte(hit.Band);
            BinaryPrimitives.WriteUInt64LittleEndian(span[27..], hit.KeyMask);
            writer.Advance(HitBytes);
        }

        Index.WriteState(writer);
    }

    /// <summary>
    /// Loads the state written by <see cref="WriteState"/> into this detector, which must be new and have the same
    /// roster; <paramref name="format"/> is the project snapshot format that holds it.
    /// </summary>
    internal void ReadState(StateReader reader, int format)
    {
        if (_hitCount != 0 || Index.EntryCount != 0)
        {
            throw new InvalidOperationException("A snapshot can only be loaded into an empty hit detector.");
        }

        if (reader.ReadInt32() != _partyCodes.Length)
        {
            StateReader.ThrowBad("the hit detector was written for another number of parties");
        }

        foreach (var handles in _handles)
        {
            handles.ReadState(reader);
        }

        var count = reader.ReadCount(Array.MaxLength, "hit");
        var capacity = Math.Max(16, count);
        _hits = new Hit[capacity];
        _stamps = new int[capacity];
        _masksBefore = new ulong[capacity];
        _hitsByPair.EnsureCapacity(count);
        const int PerFill = StateReader.MaxFill / HitBytes;
        for (var first = 0; first < count; first += PerFill)
        {
            var n = Math.Min(PerFill, count - first);
            var block = reader.Fill(n * HitBytes);
            for (var i = first; i < first + n; i++)
            {
                _hits[i] = ReadHit(block.Slice((i - first) * HitBytes, HitBytes), i);
            }
        }

        _hitCount = count;
        _batchStamp = 0;
        Index.ReadState(reader, format);
    }

    private Hit ReadHit(ReadOnlySpan<byte> span, int i)
    {
        if (!BandCodes.TryRead(span[26], out var band))
        {
            StateReader.ThrowBad($"hit {i} has no band");
        }

        var hit = new Hit(
            HitId.Read(span[..HitId.Size]),
            span[16], BinaryPrimitives.ReadInt32LittleEndian(span[17..]),
            span[21], BinaryPrimitives.ReadInt32LittleEndian(span[22..]),
            band, BinaryPrimitives.ReadUInt64LittleEndian(span[27..]));
        if (hit.PartyA >= hit.PartyB || hit.PartyB >= _partyCodes.Length
            || (uint)hit.OrdinalA >= (uint)_handles[hit.PartyA].Count || (uint)hit.OrdinalB >= (uint)_handles[hit.PartyB].Count
            || !_hitsByPair.TryAdd(new HitPair(hit.PartyA, hit.OrdinalA, hit.PartyB, hit.OrdinalB), i))
        {
            StateReader.ThrowBad($"hit {i} does not fit the handle tables");
        }

        return hit;
    }
}
