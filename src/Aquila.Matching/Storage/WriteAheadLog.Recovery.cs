using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Logging;

namespace Aquila.Matching.Storage;

// Recovery at open: snapshot, segments in order, torn tail of the last segment cut and flushed (damage to flushed records refused).
public sealed partial class WriteAheadLog
{
    private const string SnapshotPrefix = "snapshot-";
    private const string SnapshotExtension = ".snap";
    private const string TemporaryExtension = ".tmp";

    private sealed record Recovery(List<WalSegment> Segments, long LastLsn, WalSnapshot? Snapshot);

    private static Recovery Recover(string directory, IFileSystem fileSystem, WalKeys keys, ILogger logger, CancellationToken cancellationToken)
    {
        fileSystem.CreateDirectory(directory);
        var indexes = new List<long>();
        var snapshotLsns = new List<long>();
        var removedLeftovers = false;
        foreach (var name in fileSystem.ListFiles(directory))
        {
            if (name.EndsWith(TemporaryExtension, StringComparison.Ordinal))
            {
                // A snapshot that never got renamed into place: it was never acknowledged.
                fileSystem.DeleteFile(Path.Combine(directory, name));
                StorageLog.LeftoverRemoved(logger, name);
                removedLeftovers = true;
            }
            else if (WalSegment.TryParseIndex(name, out var index))
            {
                indexes.Add(index);
            }
            else if (TryParseSnapshotLsn(name, out var lsn))
            {
                snapshotLsns.Add(lsn);
            }
        }

        if (removedLeftovers)
        {
            fileSystem.FlushDirectory(directory);
        }

        indexes.Sort();
        snapshotLsns.Sort();
        var snapshot = snapshotLsns.Count == 0 ? null : ReadSnapshot(directory, fileSystem, keys, snapshotLsns[^1]);
        var snapshotLsn = snapshot?.Lsn ?? 0;
        for (var i = 0; i < snapshotLsns.Count - 1; i++)
        {
            // Superseded by the latest snapshot, which was durable before these were due for deletion.
            fileSystem.DeleteFile(Path.Combine(directory, SnapshotName(snapshotLsns[i])));
            StorageLog.LeftoverRemoved(logger, SnapshotName(snapshotLsns[i]));
        }

        CheckSegmentsComplete(indexes, snapshot is not null);

        var segments = new List<WalSegment>(indexes.Count);
        var lastLsn = 0L;
        var records = 0L;
        using var cipher = keys.CreateRecordCipher();
        for (var i = 0; i < indexes.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var lastLsnBefore = lastLsn;
            var segment = RecoverSegment(directory, fileSystem, keys, cipher, logger, indexes[i], isLast: i == indexes.Count - 1, ref lastLsn, ref records);
            if (segment is null)
            {
                continue;
            }

            if (segments.Count > 0 && segment.BaseLsn != lastLsnBefore + 1)
            {
                // A segment is closed only once all of it is on disk and the next one starts at the following LSN; a
                // closed segment cut at a record boundary reads as complete, so only this gap shows the missing records.
                var previous = segments[^1];
                throw new WalCorruptionException(previous.FileName, previous.DurableEnd,
                    $"ends at LSN {lastLsnBefore} but the next segment starts at LSN {segment.BaseLsn}: it was cut short and records are missing");
            }

            segments.Add(segment);
        }

        if (segments.Count > 0 && segments[0].BaseLsn > snapshotLsn + 1)
        {
            throw new WalCorruptionException(segments[0].FileName, 0,
                $"starts after LSN {segments[0].BaseLsn - 1} but the latest snapshot only reaches LSN {snapshotLsn}: records are missing");
        }

        lastLsn = Math.Max(lastLsn, snapshotLsn);
        StorageLog.Recovered(logger, segments.Count, records, lastLsn, snapshotLsn);
        return new Recovery(segments, lastLsn, snapshot);
    }

    private static void CheckSegmentsComplete(List<long> indexes, bool haveSnapshot)
    {
        if (indexes.Count > 0 && !haveSnapshot && indexes[0] != 1)
        {
            throw new WalCorruptionException(WalSegment.NameFor(1), 0, "is missing (and there is no snapshot)");
        }

        for (var i = 1; i < indexes.Count; i++)
        {
            if (indexes[i] != indexes[i - 1] + 1)
            {
                throw new WalCorruptionException(WalSegment.NameFor(indexes[i - 1] + 1), 0, "is missing between two other segments");
            }
        }
    }

    private static WalSegment? RecoverSegment(
        string directory, IFileSystem fileSystem, WalKeys keys, AesGcm cipher, ILogger logger, long index, bool isLast,
        ref long lastLsn, ref long records)
    {
        var name = WalSegment.NameFor(index);
        var path = Path.Combine(directory, name);
        using var file = fileSystem.OpenFile(path, writable: isLast);
        var fileLength = file.Length;

        Span<byte> headerBytes = stackalloc byte[WalSegmentHeader.Length];
        var headerRead = file.Read(0, headerBytes);
        var headerStatus = WalSegmentHeader.TryRead(headerBytes[..headerRead], out var header, out var keyCheck);
        if (headerStatus != RecordStatus.Valid)
        {
            if (!isLast)
            {
                throw new WalCorruptionException(name, 0, "has a damaged header");
            }

            if (headerStatus == RecordStatus.Damaged && fileLength > WalSegmentHeader.Length)
            {
                // The header is flushed before any record is written: records after a damaged header were on disk with it.
                throw new WalCorruptionException(name, 0, "has a damaged header followed by records, which may have been acknowledged");
            }

            // Created but its header never reached the disk: nothing in it was acknowledged.
            RemoveEmptySegment(fileSystem, directory, file, path, name, logger);
            return null;
        }

        if (!keys.Matches(keyCheck))
        {
            throw new WalDataKeyMismatchException(name);
        }

        if (header.Index != index || header.BaseLsn <= lastLsn)
        {
            throw new WalCorruptionException(name, 0, "has a header that does not fit the segments before it");
        }

        var segmentRecords = 0L;
        var segmentLastLsn = lastLsn;
        using var reader = new SegmentReader(file, header.RecordHeaderLength, WalSegmentHeader.Length, fileLength);
        var payload = RecordBuffers.Rent(4096);
        try
        {
            while (true)
            {
                var recordStart = reader.Position;
                var status = reader.Next(out var record);
                if (status == RecordStatus.Valid)
                {
                    var lsn = WalRecordCodec.ReadLsn(record);
                    if (lsn > segmentLastLsn && lsn >= header.BaseLsn)
                    {
                        var n = WalRecordCodec.ReadPayloadLength(record);
                        if (payload.Length < n)
                        {
                            RecordBuffers.Return(payload);
                            payload = RecordBuffers.Rent(n);
                        }

                        if (!WalRecordCodec.TryDecrypt(record, header.RecordHeaderLength, cipher, header.Salt, payload))
                        {
                            throw new WalCorruptionException(name, recordStart, "has a record that fails authentication (it was altered)");
                        }

                        segmentLastLsn = lsn;
                        segmentRecords++;
                        continue;
                    }

                    status = RecordStatus.Damaged; // out of order: left over from a failed write, never acknowledged
                }

                if (status == RecordStatus.Incomplete && reader.AtEnd)
                {
                    break;
                }

                if (!isLast)
                {
                    throw new WalCorruptionException(name, recordStart, "has a damaged or incomplete record inside a closed segment");
                }

                if (header.HasDurableEnd
                    && FlushedDamageScan.FindsLaterRecordVouchingForIt(file, recordStart, fileLength, segmentLastLsn, cipher, header.Salt))
                {
                    // Not a torn tail: a later record was written after this one was flushed, so it was acknowledged.
                    throw new WalCorruptionException(name, recordStart,
                        "has a damaged record that later records show was already flushed to disk: acknowledged records are damaged "
                        + "(a flipped bit or an altered file, not a crash), so the log is not cut there");
                }

                file.SetLength(recordStart);
                file.FlushToDisk();
                StorageLog.TornTailCut(logger, name, recordStart, fileLength - recordStart);
                fileLength = recordStart;
                break;
            }
        }
        finally
        {
            RecordBuffers.Return(payload);
        }

        if (isLast && segmentRecords == 0)
        {
            RemoveEmptySegment(fileSystem, directory, file, path, name, logger);
            return null;
        }

        lastLsn = segmentLastLsn;
        records += segmentRecords;
        return new WalSegment(directory, header)
        {
            PlannedEnd = fileLength,
            DurableEnd = fileLength,
            WriteEnd = fileLength,
        };
    }

    private static void RemoveEmptySegment(IFileSystem fileSystem, string directory, IStorageFile file, string path, string name, ILogger logger)
    {
        file.Dispose();
        fileSystem.DeleteFile(path);
        fileSystem.FlushDirectory(directory);
        StorageLog.EmptySegmentRemoved(logger, name);
    }

    private static WalSnapshot ReadSnapshot(string directory, IFileSystem fileSystem, WalKeys keys, long lsn)
    {
        var name = SnapshotName(lsn);
        using var file = fileSystem.OpenFile(Path.Combine(directory, name), writable: false);
        var length = file.Length;

        Span<byte> version = stackalloc byte[12];
        if (file.Read(0, version) == version.Length
            && BinaryPrimitives.ReadUInt32LittleEndian(version[8..]) == WalChunkedSnapshotFormat.Version)
        {
            // Streamed: only the header is checked here; the chunks are authenticated as the caller reads them.
            Span<byte> header = stackalloc byte[WalChunkedSnapshotFormat.HeaderLength];
            var headerRead = file.Read(0, header);
            WalChunkedSnapshotFormat.CheckHeader(header[..headerRead], keys, lsn, name);
            return new WalSnapshot(lsn, ReadOnlyMemory<byte>.Empty) { IsStreamed = true };
        }

        if (length > WalRecordCodec.MaxPayloadLength + WalSnapshotCodec.Overhead)
        {
            throw new WalCorruptionException(name, 0, "is larger than any snapshot can be");
        }

        var bytes = new byte[length];
        var read = file.Read(0, bytes);
        var snapshot = WalSnapshotCodec.Decode(keys, bytes.AsSpan(0, read), name);
        return snapshot.Lsn == lsn ? snapshot : throw new WalCorruptionException(name, 16, "holds a different LSN than its name");
    }

    private static string SnapshotName(long lsn) => $"{SnapshotPrefix}{lsn:D20}{SnapshotExtension}";

    private static bool TryParseSnapshotLsn(string fileName, out long lsn)
    {
        lsn = 0;
        return fileName.StartsWith(SnapshotPrefix, StringComparison.Ordinal)
            && fileName.EndsWith(SnapshotExtension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(SnapshotPrefix.Length, fileName.Length - SnapshotPrefix.Length - SnapshotExtension.Length),
                NumberStyles.None, CultureInfo.InvariantCulture, out lsn);
    }
}
