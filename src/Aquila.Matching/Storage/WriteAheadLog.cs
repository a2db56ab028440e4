using System.Buffers.Binary;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Aquila.Matching.Storage;

/// <summary>
/// A project's durable, encrypted write-ahead log: typed records with increasing LSNs in segment files, group commit
/// (one flush to disk acknowledges every append that arrived while the previous flush ran), recovery that cuts a torn
/// tail, and snapshots that let old segments go. Record content is opaque here. Thread-safe.
/// </summary>
/// <remarks>
/// <para>
/// Files in the directory: <c>segment-&lt;index, 10 digits&gt;.wal</c> (see <see cref="WalSegmentHeader"/> and
/// <see cref="WalRecordCodec"/> for the byte layout, docs/wal-format.md for the whole format) and
/// <c>snapshot-&lt;lsn, 20 digits&gt;.snap</c>.
/// </para>
/// <para>
/// Record layout (little-endian): <c>[u32 payload length n][u8 type][u64 LSN][u64 durable end][n bytes AES-256-GCM ciphertext]
/// [16-byte tag][u32 CRC-32 over everything before it]</c>; nonce = u32 segment salt ‖ u64 LSN, associated data = the 21
/// header bytes (segments of format version 1 have no durable end: 13 header bytes).
/// Segment header: <c>["AQWALSEG"][u32 version][u32 salt][u64 index][u64 base LSN][16-byte key check][u32 CRC-32]</c>.
/// </para>
/// <para>
/// An append whose task completed is durable. An append that threw may or may not be in the log after a restart
/// (as with any timeout); callers make their records idempotent (batch receipts). LSNs strictly increase but may skip
/// values where appends failed. Each process writes to a new segment, so no (salt, LSN) nonce is ever reused.
/// </para>
/// </remarks>
public sealed partial class WriteAheadLog : IAsyncDisposable
{
    private readonly WriteAheadLogOptions _options;
    private readonly string _directory;
    private readonly IFileSystem _fileSystem;
    private readonly ILogger<WriteAheadLog> _logger;
    private readonly WalKeys _keys;
    private readonly AesGcm _appendCipher;
    private readonly Lock _lock = new();
    private readonly List<WalSegment> _segments;
    private readonly SemaphoreSlim _writerSignal = new(0);
    private readonly SemaphoreSlim _snapshotGate = new(1, 1);
    private readonly TaskCompletionSource _writerStopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private CommitBatch _filling = new();
    private CommitBatch? _spare = new();
    private WalSegment _planned;
    private WalSegment? _active;
    private long _nextLsn;
    private long _lastDurableLsn;
    private long _snapshotLsn;
    private Exception? _fault;
    private bool _disposed;

    private WriteAheadLog(WriteAheadLogOptions options, IFileSystem fileSystem, ILogger<WriteAheadLog> logger, WalKeys keys, Recovery recovered)
    {
        _options = options;
        _directory = options.Directory;
        _fileSystem = fileSystem;
        _logger = logger;
        _keys = keys;
        _appendCipher = keys.CreateRecordCipher();
        _segments = recovered.Segments;
        _nextLsn = recovered.LastLsn + 1;
        _lastDurableLsn = recovered.LastLsn;
        _snapshotLsn = recovered.Snapshot?.Lsn ?? 0;
        RecoveredSnapshot = recovered.Snapshot;
        var nextIndex = _segments.Count > 0 ? _segments[^1].Index + 1 : 1;
        _planned = NewSegment(nextIndex, _nextLsn);

        var writer = new Thread(WriterLoop) { IsBackground = true, Name = "aquila-wal-writer" };
        writer.Start();
    }

    /// <summary>The latest snapshot found at open, or null; replay the log from its <c>Lsn + 1</c>.</summary>
    public WalSnapshot? RecoveredSnapshot { get; }

    /// <summary>The LSN of the last record known to be on disk (0 for an empty log).</summary>
    public long LastDurableLsn
    {
        get
        {
            lock (_lock)
            {
                return _lastDurableLsn;
            }
        }
    }

    /// <summary>Opens (creating if needed) and recovers the log in <see cref="WriteAheadLogOptions.Directory"/> on the real file system.</summary>
    public static Task<WriteAheadLog> OpenAsync(WriteAheadLogOptions options, ILogger<WriteAheadLog> logger, CancellationToken cancellationToken = default) =>
        OpenAsync(options, PhysicalFileSystem.Instance, logger, cancellationToken);

    /// <summary>
    /// Opens and recovers the log: verifies every segment's checksums and tags, cuts a torn tail of the last segment
    /// (and flushes the cut), loads the latest snapshot.
    /// </summary>
    /// <exception cref="WalDataKeyMismatchException">The data key is not the one the log was written with.</exception>
    /// <exception cref="WalCorruptionException">Damage a crash cannot explain (named by file and offset).</exception>
    public static async Task<WriteAheadLog> OpenAsync(
        WriteAheadLogOptions options, IFileSystem fileSystem, ILogger<WriteAheadLog> logger, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(fileSystem);
        ArgumentNullException.ThrowIfNull(logger);
        options.Validate();

        var keys = new WalKeys(options.DataKey.Span);
        try
        {
            var recovered = await Task.Run(() => Recover(options.Directory, fileSystem, keys, logger, cancellationToken), cancellationToken)
                .ConfigureAwait(false);
            return new WriteAheadLog(options, fileSystem, logger, keys, recovered);
        }
        catch
        {
            keys.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Appends a record and completes once it is on disk, returning its LSN. Concurrent appends share one flush.
    /// The payload is copied (encrypted) before this method returns, so the caller may reuse its buffer at once.
    /// </summary>
    /// <param name="type">The caller's record type.</param>
    /// <param name="payload">The record content, at most 256 MiB.</param>
    /// <param name="cancellationToken">Checked before the record is queued; a queued record is written regardless.</param>
    /// <exception cref="IOException">The write failed (e.g. disk full); the record may or may not survive a restart.</exception>
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    public async ValueTask<long> AppendAsync(byte type, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (payload.Length > WalRecordCodec.MaxPayloadLength)
        {
            WalThrow.PayloadTooLarge(payload.Length);
        }

        long lsn;
        Task committed;
        lock (_lock)
        {
            ThrowIfUnusable();
            var segment = _planned;
            var length = WalRecordCodec.RecordLength(segment.Header.RecordHeaderLength, payload.Length);
            if (segment.PlannedEnd + length > _options.SegmentSize && segment.PlannedEnd > WalSegmentHeader.Length)
            {
                segment = _planned = NewSegment(segment.Index + 1, _nextLsn);
            }

            lsn = _nextLsn++;
            var batch = _filling;
            // The durable end lets recovery tell damage to flushed records from a torn tail (see docs/wal-format.md).
            WalRecordCodec.Encode(batch.Reserve(segment, lsn, length), segment.Header.RecordHeaderLength, _appendCipher, segment.Salt, type, lsn,
                segment.DurableEnd, payload.Span);
            segment.PlannedEnd += length;
            committed = batch.Completion.Task;
            if (batch.RecordCount == 1)
            {
                _writerSignal.Release();
            }
        }

        await committed.ConfigureAwait(false);
        return lsn;
    }

    /// <summary>Writes every queued append to disk, stops the writer and closes the files.</summary>
    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
        }

        _writerSignal.Release();
        await _writerStopped.Task.ConfigureAwait(false);
        await _snapshotGate.WaitAsync().ConfigureAwait(false);
        _active?.File?.Dispose();
        _appendCipher.Dispose();
        _keys.Dispose();
        _filling.Dispose();
        _spare?.Dispose();
        _writerSignal.Dispose();
        _snapshotGate.Dispose();
    }

    private WalSegment NewSegment(long index, long baseLsn)
    {
        Span<byte> salt = stackalloc byte[4];
        RandomNumberGenerator.Fill(salt);
        return new WalSegment(_directory, new WalSegmentHeader(BinaryPrimitives.ReadUInt32LittleEndian(salt), index, baseLsn));
    }

    private void ThrowIfUnusable()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_fault is not null)
        {
            WalThrow.Faulted(_fault);
        }
    }
}
