namespace Aquila.Matching.Storage;

/// <summary>Reads the records of one segment file in order through a pooled buffer, up to a given end offset.</summary>
internal sealed class SegmentReader : IDisposable
{
    private const int ChunkSize = 1024 * 1024;

    private readonly IStorageFile _file;
    private readonly long _end;
    private readonly int _headerLength;
    private byte[] _buffer = RecordBuffers.Rent(ChunkSize);
    private long _bufferOffset;
    private int _bufferLength;

    /// <param name="file">The segment file.</param>
    /// <param name="headerLength">The record header length of the segment's format version.</param>
    /// <param name="start">Offset of the first record.</param>
    /// <param name="end">End of the bytes to read.</param>
    public SegmentReader(IStorageFile file, int headerLength, long start, long end)
    {
        _headerLength = headerLength;
        _file = file;
        _end = end;
        Position = start;
        _bufferOffset = start;
    }

    /// <summary>File offset of the next record (after a successful <see cref="Next"/>, just past the returned one).</summary>
    public long Position { get; private set; }

    /// <summary>
    /// Checks the next record. On <see cref="RecordStatus.Valid"/>, <paramref name="record"/> holds its bytes (valid until
    /// the next call) and <see cref="Position"/> moves past it. <see cref="RecordStatus.Incomplete"/> with
    /// <see cref="Position"/> equal to the end means the segment ended cleanly.
    /// </summary>
    public RecordStatus Next(out ReadOnlySpan<byte> record)
    {
        record = default;
        var available = Fill(_headerLength);
        var status = WalRecordCodec.Check(available, _headerLength, out var length);
        if (status == RecordStatus.Incomplete && length > 0)
        {
            available = Fill(length);
            status = WalRecordCodec.Check(available, _headerLength, out length);
        }

        if (status != RecordStatus.Valid)
        {
            return status;
        }

        record = available[..length];
        Position += length;
        return RecordStatus.Valid;
    }

    public bool AtEnd => Position >= _end;

    public void Dispose()
    {
        RecordBuffers.Return(_buffer);
        _buffer = [];
    }

    // Makes at least `wanted` bytes from Position available when the segment has them; returns what is there.
    private ReadOnlySpan<byte> Fill(int wanted)
    {
        var startInBuffer = (int)(Position - _bufferOffset);
        var have = _bufferLength - startInBuffer;
        var canHave = (int)Math.Min(wanted, _end - Position);
        if (have < canHave)
        {
            if (_buffer.Length < wanted)
            {
                var bigger = RecordBuffers.Rent(wanted);
                RecordBuffers.Return(_buffer);
                _buffer = bigger;
                have = 0;
            }
            else
            {
                _buffer.AsSpan(startInBuffer, have).CopyTo(_buffer);
            }

            _bufferOffset = Position;
            var toRead = (int)Math.Min(_buffer.Length - have, _end - Position - have);
            _bufferLength = have + _file.Read(Position + have, _buffer.AsSpan(have, toRead));
            startInBuffer = 0;
        }

        return _buffer.AsSpan(startInBuffer, Math.Max(0, _bufferLength - startInBuffer));
    }
}
