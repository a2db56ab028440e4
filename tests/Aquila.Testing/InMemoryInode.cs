namespace Aquila.Testing;

/// <summary>
/// One file of <see cref="FaultInjectingFileSystem"/>: what the page cache holds (<c>Cached</c>) and what reached the
/// disk (<c>Durable</c>). All members are called under the file system's lock.
/// </summary>
internal sealed class InMemoryInode
{
    private byte[] _cached = [];
    private byte[] _durable = [];
    private long _durableLength;
    private long _dirtyFrom = long.MaxValue;

    public long Length { get; private set; }

    public int Read(long offset, Span<byte> destination)
    {
        if (offset >= Length)
        {
            return 0;
        }

        var count = (int)Math.Min(destination.Length, Length - offset);
        _cached.AsSpan((int)offset, count).CopyTo(destination);
        return count;
    }

    public void Write(long offset, ReadOnlySpan<byte> source)
    {
        var end = offset + source.Length;
        EnsureCapacity(ref _cached, end);
        if (offset > Length)
        {
            _cached.AsSpan((int)Length, (int)(offset - Length)).Clear();
        }

        source.CopyTo(_cached.AsSpan((int)offset));
        _dirtyFrom = Math.Min(_dirtyFrom, Math.Min(offset, Length)); // a gap before offset is dirty too
        Length = Math.Max(Length, end);
    }

    public void SetLength(long length)
    {
        EnsureCapacity(ref _cached, length);
        if (length > Length)
        {
            _cached.AsSpan((int)Length, (int)(length - Length)).Clear();
        }

        _dirtyFrom = Math.Min(_dirtyFrom, Math.Min(length, Length));
        Length = length;
    }

    public void FlushToDisk()
    {
        EnsureCapacity(ref _durable, Length);
        if (_dirtyFrom < Length)
        {
            _cached.AsSpan((int)_dirtyFrom, (int)(Length - _dirtyFrom)).CopyTo(_durable.AsSpan((int)_dirtyFrom));
        }

        _durableLength = Length;
        _dirtyFrom = long.MaxValue;
    }

    /// <summary>Forgets what was not flushed; with <paramref name="torn"/>, a random prefix of unflushed appended bytes survives.</summary>
    public void LoseUnflushed(Random? torn)
    {
        var keep = _durableLength;
        if (torn is not null && _dirtyFrom >= _durableLength && Length > _durableLength)
        {
            keep += torn.NextInt64(Length - _durableLength + 1);
        }

        EnsureCapacity(ref _durable, keep);
        if (keep > _durableLength)
        {
            _cached.AsSpan((int)_durableLength, (int)(keep - _durableLength)).CopyTo(_durable.AsSpan((int)_durableLength));
        }

        _durableLength = keep;
        EnsureCapacity(ref _cached, keep);
        _durable.AsSpan(0, (int)keep).CopyTo(_cached);
        Length = keep;
        _dirtyFrom = long.MaxValue;
    }

    private static void EnsureCapacity(ref byte[] buffer, long length)
    {
        if (length > Array.MaxLength)
        {
            throw new IOException("The in-memory file system holds files of at most 2 GiB.");
        }

        if (buffer.Length < length)
        {
            Array.Resize(ref buffer, (int)Math.Max(length, Math.Min(Array.MaxLength, buffer.Length * 2L)));
        }
    }
}
