using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Aquila.Matching.Storage;

/// <summary>
/// Where a caller writes a streamed snapshot (<see cref="WriteAheadLog.WriteSnapshotAsync(long, Action{IBufferWriter{byte}}, CancellationToken)"/>):
/// bytes collect in one pooled chunk buffer that is encrypted and written to the file whenever it is full, so memory
/// stays at two chunks whatever the size of the snapshot.
/// </summary>
/// <remarks>A span obtained from <see cref="GetSpan"/> may be at most one chunk (1 MiB); write larger arrays in pieces.</remarks>
internal sealed class WalSnapshotWriter : IBufferWriter<byte>, IDisposable
{
    private readonly IStorageFile _file;
    private readonly AesGcm _cipher;
    private readonly byte[] _header = new byte[WalChunkedSnapshotFormat.HeaderLength + WalChunkedSnapshotFormat.LengthWordSize];
    private readonly byte[] _plain;
    private readonly byte[] _sealed;
    private readonly int _chunkSize;
    private int _filled;
    private long _chunk;
    private long _fileOffset;
    private bool _completed;
    private bool _disposed;

    public WalSnapshotWriter(IStorageFile file, WalKeys keys, long lsn, int chunkSize = WalChunkedSnapshotFormat.DefaultChunkSize)
    {
        _file = file;
        _chunkSize = chunkSize;
        WalChunkedSnapshotFormat.WriteHeader(_header, keys, lsn, chunkSize);
        _cipher = keys.CreateSnapshotChunkCipher(_header.AsSpan(40, WalChunkedSnapshotFormat.SaltLength));
        _plain = ArrayPool<byte>.Shared.Rent(chunkSize);
        _sealed = ArrayPool<byte>.Shared.Rent(WalChunkedSnapshotFormat.LengthWordSize + chunkSize + WalRecordCodec.TagLength);
        _file.Write(0, _header.AsSpan(0, WalChunkedSnapshotFormat.HeaderLength));
        _fileOffset = WalChunkedSnapshotFormat.HeaderLength;
    }

    /// <summary>Bytes written to the file so far (header, chunks and tags).</summary>
    public long FileLength => _fileOffset;

    /// <summary>Plaintext bytes written so far.</summary>
    public long PayloadLength { get; private set; }

    public void Advance(int count)
    {
        if ((uint)count > (uint)(_chunkSize - _filled))
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "Advanced past the span obtained from the snapshot writer.");
        }

        _filled += count;
        PayloadLength += count;
    }

    public Memory<byte> GetMemory(int sizeHint = 0) => _plain.AsMemory(Reserve(sizeHint), _chunkSize - _filled);

    public Span<byte> GetSpan(int sizeHint = 0) => _plain.AsSpan(Reserve(sizeHint), _chunkSize - _filled);

    /// <summary>Writes <paramref name="source"/>, however large, in chunk-sized pieces.</summary>
    public void Write(ReadOnlySpan<byte> source)
    {
        while (!source.IsEmpty)
        {
            var span = GetSpan(1);
            var n = Math.Min(span.Length, source.Length);
            source[..n].CopyTo(span);
            Advance(n);
            source = source[n..];
        }
    }

    /// <summary>Seals the last chunk (marked as last). The caller then flushes the file.</summary>
    public void Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        SealChunk(last: true);
        _completed = true;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        // The plaintext is personal data: it must not linger in pooled memory.
        CryptographicOperations.ZeroMemory(_plain.AsSpan(0, _chunkSize));
        ArrayPool<byte>.Shared.Return(_plain);
        ArrayPool<byte>.Shared.Return(_sealed);
        _cipher.Dispose();
        _completed = true;
    }

    private int Reserve(int sizeHint)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (sizeHint > _chunkSize)
        {
            throw new ArgumentOutOfRangeException(nameof(sizeHint), sizeHint, $"A snapshot writer hands out at most {_chunkSize} bytes at a time.");
        }

        if (_chunkSize - _filled < Math.Max(sizeHint, 1))
        {
            SealChunk(last: false);
        }

        return _filled;
    }

    private void SealChunk(bool last)
    {
        var n = _filled;
        var lengthWord = (uint)n | (last ? WalChunkedSnapshotFormat.LastChunkFlag : 0);
        var header = WalChunkedSnapshotFormat.HeaderLength;
        BinaryPrimitives.WriteUInt32LittleEndian(_header.AsSpan(header), lengthWord);
        BinaryPrimitives.WriteUInt32LittleEndian(_sealed, lengthWord);

        Span<byte> nonce = stackalloc byte[WalRecordCodec.NonceLength];
        WalChunkedSnapshotFormat.WriteNonce(nonce, _chunk);
        var body = _sealed.AsSpan(WalChunkedSnapshotFormat.LengthWordSize, n);
        _cipher.Encrypt(nonce, _plain.AsSpan(0, n), body, _sealed.AsSpan(WalChunkedSnapshotFormat.LengthWordSize + n, WalRecordCodec.TagLength), _header);

        var total = WalChunkedSnapshotFormat.LengthWordSize + n + WalRecordCodec.TagLength;
        _file.Write(_fileOffset, _sealed.AsSpan(0, total));
        _fileOffset += total;
        _chunk++;
        _filled = 0;
    }
}
