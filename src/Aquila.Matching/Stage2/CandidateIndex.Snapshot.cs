using Aquila.Matching.Index;

namespace Aquila.Matching.Stage2;

// The postings in a project snapshot: one array per field (parties, ordinals, chain links, vectors, block orders; the
// layout of snapshots 4 and 5, written from and read into the posting entries a chunk at a time), and the token heads
// (version 5 adds each posting's block order; the token numbers are rebuilt from the chains).
internal sealed partial class CandidateIndex
{
    public void WriteState(StateWriter writer)
    {
        writer.WriteInt32(_count);
        WriteField<byte>(writer, static (in PostingEntry e) => e.Party);
        WriteField<int>(writer, static (in PostingEntry e) => e.Ordinal);
        WriteField<int>(writer, static (in PostingEntry e) => e.Next);
        for (var start = 0; start < _count; start += VectorsPerChunk)
        {
            // One run of count × vector-length bytes, as ever, written a chunk at a time.
            writer.WriteArray<byte>(_vectors[start >> ChunkShift].AsSpan(0, Math.Min(VectorsPerChunk, _count - start) * _vectorLength));
        }
        WriteField<ushort>(writer, static (in PostingEntry e) => e.Order);
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
        var count = reader.ReadCount(Array.MaxLength, "stage-2 posting");
        _postings = new PostingEntry[count];
        (_vectors, _vectorChunks) = ([], 0);
        EnsureVectorChunks(count);
        _count = count;
        ReadField<byte>(reader, static (ref PostingEntry e, byte value) => e.Party = value);
        ReadField<int>(reader, static (ref PostingEntry e, int value) => e.Ordinal = value);
        ReadField<int>(reader, static (ref PostingEntry e, int value) => e.Next = value);
        for (var start = 0; start < count; start += VectorsPerChunk)
        {
            reader.ReadArray<byte>(_vectors[start >> ChunkShift].AsSpan(0, Math.Min(VectorsPerChunk, count - start) * _vectorLength));
        }
        if (withOrders)
        {
            ReadField<ushort>(reader, static (ref PostingEntry e, ushort value) => e.Order = value);
        }
        else
        {
            for (var i = 0; i < count; i++)
            {
                _postings[i].Order = UnknownOrder;
            }
        }

        for (var i = 0; i < count; i++)
        {
            _postings[i].TokenOf = -1;
            if (_postings[i].Next < -1 || _postings[i].Next >= i)
            {
                StateReader.ThrowBad("a stage-2 posting chain is out of order");
            }
        }

        var tokens = reader.ReadCount(count, "stage-2 block token");
        _tokenIds.Clear();
        _tokenIds.EnsureCapacity(tokens);
        _heads = new int[Math.Max(1, tokens)];
        _counts = new ushort[Math.Max(1, tokens) * _partyCount];
        for (var id = 0; id < tokens; id++)
        {
            var entry = reader.Fill(20);
            var head = System.Buffers.Binary.BinaryPrimitives.ReadInt32LittleEndian(entry[16..]);
            if (head < 0 || head >= count || !_tokenIds.TryAdd(System.Buffers.Binary.BinaryPrimitives.ReadUInt128LittleEndian(entry), id))
            {
                StateReader.ThrowBad("a stage-2 block token points outside the postings or appears twice");
            }

            _heads[id] = head;
            for (var p = head; p >= 0; p = _postings[p].Next)
            {
                ref var posting = ref _postings[p];
                if (posting.TokenOf >= 0)
                {
                    StateReader.ThrowBad("a stage-2 posting is in two chains");
                }

                posting.TokenOf = id;
                if (posting.Party != RemovedParty)
                {
                    if (posting.Party >= _partyCount)
                    {
                        StateReader.ThrowBad("a stage-2 posting names no party of the project");
                    }

                    _counts[(id * _partyCount) + posting.Party]++;
                }
            }
        }
    }

    private delegate T FieldOf<T>(in PostingEntry entry);

    private delegate void SetField<T>(ref PostingEntry entry, T value);

    // One field of every posting as the snapshot's array of it, through a small buffer (no full-size copy).
    private void WriteField<T>(StateWriter writer, FieldOf<T> field)
        where T : unmanaged
    {
        var buffer = new T[Math.Min(_count, FieldChunk)];
        for (var start = 0; start < _count; start += buffer.Length)
        {
            var n = Math.Min(buffer.Length, _count - start);
            for (var i = 0; i < n; i++)
            {
                buffer[i] = field(in _postings[start + i]);
            }

            writer.WriteArray<T>(buffer.AsSpan(0, n));
        }
    }

    private void ReadField<T>(StateReader reader, SetField<T> field)
        where T : unmanaged
    {
        var buffer = new T[Math.Min(_count, FieldChunk)];
        for (var start = 0; start < _count; start += buffer.Length)
        {
            var n = Math.Min(buffer.Length, _count - start);
            reader.ReadArray<T>(buffer.AsSpan(0, n));
            for (var i = 0; i < n; i++)
            {
                field(ref _postings[start + i], buffer[i]);
            }
        }
    }

    private const int FieldChunk = 8192;
}
