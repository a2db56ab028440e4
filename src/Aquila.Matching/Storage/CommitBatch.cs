namespace Aquila.Matching.Storage;

/// <summary>
/// Encoded records waiting for one write and one flush (group commit). Appenders fill it under the log's lock; the
/// writer thread takes it whole, and every appender in it awaits the same <see cref="Completion"/>. Two batches
/// alternate, so appenders keep filling one while the other is written.
/// </summary>
internal sealed class CommitBatch : IDisposable
{
    private const int InitialCapacity = 64 * 1024;

    private byte[] _buffer = RecordBuffers.Rent(InitialCapacity);

    /// <summary>Consecutive byte ranges of the buffer and the segment each goes to (more than one only at a rollover).</summary>
    public List<(WalSegment Segment, int Start, int End)> Chunks { get; } = new(2);

    public int Length { get; private set; }

    public int RecordCount { get; private set; }

    public long LastLsn { get; private set; }

    public TaskCompletionSource Completion { get; private set; } = NewCompletion();

    public ReadOnlySpan<byte> Bytes(int start, int end) => _buffer.AsSpan(start, end - start);

    /// <summary>Reserves room for one record of <paramref name="length"/> bytes that goes to <paramref name="segment"/>.</summary>
    public Span<byte> Reserve(WalSegment segment, long lsn, int length)
    {
        if (_buffer.Length - Length < length)
        {
            Grow(length);
        }

        var start = Length;
        Length += length;
        if (Chunks.Count > 0 && ReferenceEquals(Chunks[^1].Segment, segment))
        {
            Chunks[^1] = (segment, Chunks[^1].Start, Length);
        }
        else
        {
            Chunks.Add((segment, start, Length));
        }

        RecordCount++;
        LastLsn = lsn;
        return _buffer.AsSpan(start, length);
    }

    /// <summary>Empties the batch for reuse; a large buffer is dropped so one huge group does not pin it.</summary>
    public void Reset()
    {
        if (_buffer.Length > RecordBuffers.MaxPooled)
        {
            RecordBuffers.Return(_buffer);
            _buffer = RecordBuffers.Rent(InitialCapacity);
        }

        Chunks.Clear();
        Length = 0;
        RecordCount = 0;
        LastLsn = 0;
        Completion = NewCompletion();
    }

    public void Dispose() => RecordBuffers.Return(_buffer);

    private void Grow(int needed)
    {
        var bigger = RecordBuffers.Rent((int)Math.Min(Array.MaxLength, Math.Max((long)_buffer.Length * 2, (long)Length + needed)));
        _buffer.AsSpan(0, Length).CopyTo(bigger);
        RecordBuffers.Return(_buffer);
        _buffer = bigger;
    }

    // Appenders must not resume on the writer thread: it would stall the next commit.
    private static TaskCompletionSource NewCompletion() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
