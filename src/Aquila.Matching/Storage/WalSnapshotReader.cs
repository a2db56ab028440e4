using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace Aquila.Matching.Storage;

/// <summary>
/// Reads a chunked snapshot file (<see cref="WalChunkedSnapshotFormat"/>) as a plain stream, decrypting and
/// authenticating one chunk at a time. Damage shows up as a <see cref="WalCorruptionException"/> from <see cref="Read(Span{byte})"/>.
/// </summary>
internal sealed class WalSnapshotReader : Stream
{
    private readonly IStorageFile _file;
    private readonly string _fileName;
    private readonly AesGcm _cipher;
    private readonly byte[] _header = new byte[WalChunkedSnapshotFormat.HeaderLength + WalChunkedSnapshotFormat.LengthWordSize];
    private readonly byte[] _plain;
    private readonly byte[] _sealed;
    private readonly int _chunkSize;
    private long _fileOffset;
    private long _chunk;
    private int _available;
    private int _consumed;
    private bool _sawLast;
    private bool _disposed;

    public WalSnapshotReader(IStorageFile file, WalKeys keys, long lsn, string fileName)
    {
        _file = file;
        _fileName = fileName;
        var read = file.Read(0, _header.AsSpan(0, WalChunkedSnapshotFormat.HeaderLength));
        _chunkSize = WalChunkedSnapshotFormat.CheckHeader(_header.AsSpan(0, read), keys, lsn, fileName);
        _cipher = keys.CreateSnapshotChunkCipher(_header.AsSpan(40, WalChunkedSnapshotFormat.SaltLength));
        _plain = ArrayPool<byte>.Shared.Rent(_chunkSize);
        _sealed = ArrayPool<byte>.Shared.Rent(_chunkSize + WalRecordCodec.TagLength);
        _fileOffset = WalChunkedSnapshotFormat.HeaderLength;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (_consumed == _available)
        {
            if (_sawLast || buffer.IsEmpty)
            {
                return 0;
            }

            OpenNextChunk();
        }

        var n = Math.Min(buffer.Length, _available - _consumed);
        _plain.AsSpan(_consumed, n).CopyTo(buffer);
        _consumed += n;
        return n;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_disposed)
        {
            _disposed = true;
            CryptographicOperations.ZeroMemory(_plain.AsSpan(0, _chunkSize));
            ArrayPool<byte>.Shared.Return(_plain);
            ArrayPool<byte>.Shared.Return(_sealed);
            _cipher.Dispose();
            _file.Dispose();
        }

        base.Dispose(disposing);
    }

    private void OpenNextChunk()
    {
        var at = _fileOffset;
        Span<byte> word = stackalloc byte[WalChunkedSnapshotFormat.LengthWordSize];
        if (_file.Read(at, word) != word.Length)
        {
            throw new WalCorruptionException(_fileName, at, "is cut short (its last chunk is missing)");
        }

        var lengthWord = BinaryPrimitives.ReadUInt32LittleEndian(word);
        var n = (int)(lengthWord & ~WalChunkedSnapshotFormat.LastChunkFlag);
        var last = (lengthWord & WalChunkedSnapshotFormat.LastChunkFlag) != 0;
        if (n > _chunkSize)
        {
            throw new WalCorruptionException(_fileName, at, "has a chunk longer than its header allows");
        }

        var body = _sealed.AsSpan(0, n + WalRecordCodec.TagLength);
        if (_file.Read(at + word.Length, body) != body.Length)
        {
            throw new WalCorruptionException(_fileName, at, "is cut short inside a chunk");
        }

        word.CopyTo(_header.AsSpan(WalChunkedSnapshotFormat.HeaderLength));
        Span<byte> nonce = stackalloc byte[WalRecordCodec.NonceLength];
        WalChunkedSnapshotFormat.WriteNonce(nonce, _chunk);
        try
        {
            _cipher.Decrypt(nonce, body[..n], body[n..], _plain.AsSpan(0, n), _header);
        }
        catch (AuthenticationTagMismatchException)
        {
            throw new WalCorruptionException(_fileName, at, "has a chunk that failed authentication (it was altered)");
        }

        _fileOffset = at + word.Length + body.Length;
        _chunk++;
        _available = n;
        _consumed = 0;
        _sawLast = last;
        if (last && _file.Length != _fileOffset)
        {
            throw new WalCorruptionException(_fileName, _fileOffset, "has bytes after its last chunk");
        }
    }
}
