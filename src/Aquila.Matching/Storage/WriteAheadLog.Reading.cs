using System.Runtime.CompilerServices;
using System.Security.Cryptography;

namespace Aquila.Matching.Storage;

// Replay: records in LSN order, as far as they are durable when the read starts.
public sealed partial class WriteAheadLog
{
    /// <summary>
    /// Reads the records with an LSN of at least <paramref name="fromLsn"/>, in order, up to the last record that was
    /// durable when the enumeration started. Appends and snapshots may run meanwhile.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Records from <paramref name="fromLsn"/> were folded into a snapshot and deleted.</exception>
    /// <exception cref="WalCorruptionException">A record fails its checksum or authentication.</exception>
    public async IAsyncEnumerable<WalRecord> ReadAllAsync(long fromLsn = 1, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var view = OpenReadView(fromLsn);
        try
        {
            using var cipher = _keys.CreateRecordCipher();
            foreach (var (segment, file, end) in view)
            {
                using var reader = new SegmentReader(file, segment.Header.RecordHeaderLength, WalSegmentHeader.Length, end);
                while (!reader.AtEnd)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var record = ReadRecord(reader, segment, cipher, fromLsn);
                    if (record.Lsn != 0)
                    {
                        yield return record;
                    }
                }

                // Let other work run between segments: the file access itself is synchronous.
                await Task.Yield();
            }
        }
        finally
        {
            foreach (var (_, file, _) in view)
            {
                file.Dispose();
            }
        }
    }

    // Returns default (Lsn 0) for a record before fromLsn.
    private static WalRecord ReadRecord(SegmentReader reader, WalSegment segment, AesGcm cipher, long fromLsn)
    {
        var offset = reader.Position;
        if (reader.Next(out var bytes) != RecordStatus.Valid)
        {
            throw new WalCorruptionException(segment.FileName, offset, "has a damaged record inside its durable part");
        }

        var lsn = WalRecordCodec.ReadLsn(bytes);
        if (lsn < fromLsn)
        {
            return default;
        }

        var payload = new byte[WalRecordCodec.ReadPayloadLength(bytes)];
        if (!WalRecordCodec.TryDecrypt(bytes, segment.Header.RecordHeaderLength, cipher, segment.Salt, payload))
        {
            throw new WalCorruptionException(segment.FileName, offset, "has a record that fails authentication (it was altered)");
        }

        return new WalRecord(lsn, WalRecordCodec.ReadType(bytes), payload);
    }

    // Opens the segments under the lock so a concurrent snapshot cannot delete one before it is open.
    private List<(WalSegment Segment, IStorageFile File, long End)> OpenReadView(long fromLsn)
    {
        var view = new List<(WalSegment, IStorageFile, long)>();
        lock (_lock)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            var oldest = _segments.Count > 0 ? _segments[0].BaseLsn : _snapshotLsn + 1;
            if (fromLsn < oldest && fromLsn <= _snapshotLsn)
            {
                throw new ArgumentOutOfRangeException(nameof(fromLsn), fromLsn,
                    $"Records before LSN {oldest} were folded into the snapshot at LSN {_snapshotLsn} and deleted; "
                    + "load the snapshot and read from its LSN + 1.");
            }

            try
            {
                for (var i = 0; i < _segments.Count; i++)
                {
                    var segment = _segments[i];
                    var whollyBefore = i + 1 < _segments.Count && _segments[i + 1].BaseLsn <= fromLsn;
                    if (!whollyBefore && segment.DurableEnd > WalSegmentHeader.Length)
                    {
                        view.Add((segment, _fileSystem.OpenFile(segment.Path, writable: false), segment.DurableEnd));
                    }
                }
            }
            catch
            {
                foreach (var (_, file, _) in view)
                {
                    file.Dispose();
                }

                throw;
            }
        }

        return view;
    }
}
