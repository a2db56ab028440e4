using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Batches;

/// <summary>
/// Reads a token batch file. <see cref="Open(string)"/> checks the whole file's checksum before anything is parsed,
/// so a flipped or missing byte anywhere is reported as corruption, never read as data.
/// </summary>
public sealed class BatchFileReader : IDisposable
{
    private readonly Stream _stream;
    private readonly string _source;
    private readonly long _recordsEnd;
    private long _recordsRead;
    private long _blocksRead;

    private BatchFileReader(Stream stream, string source, BatchHeader header, long recordsEnd)
    {
        _stream = stream;
        _source = source;
        Header = header;
        _recordsEnd = recordsEnd;
    }

    /// <summary>What the file says about itself.</summary>
    public BatchHeader Header { get; }

    /// <summary>Opens and verifies a batch file.</summary>
    public static BatchFileReader Open(string path)
    {
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new BatchFormatException($"Batch file '{path}' cannot be read: {e.Message}", e);
        }

        try
        {
            return Open(stream, path);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>Opens and verifies a batch held in a seekable stream; the reader owns the stream afterwards.</summary>
    public static BatchFileReader Open(Stream stream, string sourceName)
    {
        ArgumentNullException.ThrowIfNull(stream);
        var length = stream.Length;
        if (length < BatchFormat.HeaderOffset + BatchFormat.ChecksumLength)
        {
            throw Corrupt(sourceName, $"it is only {length} bytes long");
        }

        Span<byte> prefix = stackalloc byte[BatchFormat.HeaderOffset];
        stream.Position = 0;
        stream.ReadExactly(prefix);
        if (!prefix[..4].SequenceEqual(BatchFormat.Magic))
        {
            throw new BatchFormatException($"'{sourceName}' is not an Aquila batch file (it does not start with AQB1).");
        }

        var version = BinaryPrimitives.ReadUInt16BigEndian(prefix[4..]);
        if (version is not (BatchFormat.Version or BatchFormat.Stage2Version))
        {
            throw new BatchFormatException(
                $"Batch file '{sourceName}' has format version {version}; this Aquila reads versions {BatchFormat.Version} and {BatchFormat.Stage2Version}.");
        }

        VerifyChecksum(stream, sourceName, length);

        var headerLength = BinaryPrimitives.ReadUInt32BigEndian(prefix[6..]);
        var recordsStart = BatchFormat.HeaderOffset + (long)headerLength;
        var recordsEnd = length - BatchFormat.ChecksumLength;
        if (recordsStart > recordsEnd)
        {
            throw Corrupt(sourceName, "its header is longer than the file");
        }

        var headerBytes = new byte[headerLength];
        stream.ReadExactly(headerBytes);
        var header = ParseHeader(headerBytes, sourceName, version == BatchFormat.Stage2Version);
        return new BatchFileReader(stream, sourceName, header, recordsEnd);
    }

    /// <summary>Reads the next record into <paramref name="record"/>; false after the last one.</summary>
    public bool TryReadRecord(BatchRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (_recordsRead == Header.RecordCount)
        {
            if (_stream.Position != _recordsEnd)
            {
                throw Corrupt(_source, "it has bytes after its last record");
            }

            if (Header.Stage2 is { } declared && declared.BlockEntryCount != _blocksRead)
            {
                throw Corrupt(_source, $"it declares {declared.BlockEntryCount} block entries but holds {_blocksRead}");
            }

            return false;
        }

        Span<byte> head = stackalloc byte[2];
        if (_stream.Position + BatchFormat.HandleLength + 2 > _recordsEnd)
        {
            throw Corrupt(_source, $"record {_recordsRead + 1} of {Header.RecordCount} is cut short");
        }

        _stream.ReadExactly(record.HandleBuffer);
        _stream.ReadExactly(head);
        if (head[0] > (byte)SubjectCategory.PersonOfInterest)
        {
            throw Corrupt(_source, $"record {_recordsRead + 1} has an unknown subject category");
        }

        var count = head[1];
        var entries = record.EntryBuffer(count);
        if (_stream.Position + entries.Length > _recordsEnd)
        {
            throw Corrupt(_source, $"record {_recordsRead + 1} of {Header.RecordCount} is cut short");
        }

        _stream.ReadExactly(entries);
        for (var i = 0; i < count; i++)
        {
            if (entries[i * BatchFormat.TokenEntryLength] >= Header.Keys.Count)
            {
                throw Corrupt(_source, $"record {_recordsRead + 1} refers to a key the batch does not declare");
            }
        }

        record.BlockCount = Header.Stage2 is { } stage2 ? ReadBlocks(record, stage2) : 0;
        _blocksRead += record.BlockCount;
        record.Category = (SubjectCategory)head[0];
        record.TokenCount = count;
        _recordsRead++;
        return true;
    }

    /// <inheritdoc />
    public void Dispose() => _stream.Dispose();

    private int ReadBlocks(BatchRecord record, BatchStage2 stage2)
    {
        if (_stream.Position + 1 > _recordsEnd)
        {
            throw Corrupt(_source, $"record {_recordsRead + 1} of {Header.RecordCount} is cut short");
        }

        var count = _stream.ReadByte();
        var blocks = record.BlockBuffer(stage2.EntryLength, count);
        if (_stream.Position + blocks.Length > _recordsEnd)
        {
            throw Corrupt(_source, $"record {_recordsRead + 1} of {Header.RecordCount} is cut short");
        }

        _stream.ReadExactly(blocks);
        for (var i = 0; i < count; i++)
        {
            if (blocks[i * stage2.EntryLength] >= stage2.BlockCount)
            {
                throw Corrupt(_source, $"record {_recordsRead + 1} refers to a block the batch does not declare");
            }
        }

        return count;
    }

    private static void VerifyChecksum(Stream stream, string sourceName, long length)
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        stream.Position = 0;
        var remaining = length - BatchFormat.ChecksumLength;
        while (remaining > 0)
        {
            var read = stream.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining));
            if (read == 0)
            {
                throw Corrupt(sourceName, "it ended while being read");
            }

            sha.AppendData(buffer, 0, read);
            remaining -= read;
        }

        Span<byte> expected = stackalloc byte[BatchFormat.ChecksumLength];
        Span<byte> actual = stackalloc byte[BatchFormat.ChecksumLength];
        stream.ReadExactly(expected);
        sha.GetHashAndReset(actual);
        if (!CryptographicOperations.FixedTimeEquals(expected, actual))
        {
            throw Corrupt(sourceName, "its checksum does not match (the file is damaged or truncated)");
        }

        stream.Position = BatchFormat.HeaderOffset;
    }

    private static BatchHeader ParseHeader(byte[] bytes, string sourceName, bool stage2)
    {
        try
        {
            var span = (ReadOnlySpan<byte>)bytes;
            var batchId = span[..16].ToArray();
            span = span[16..];
            var projectId = Encoding.UTF8.GetString(ReadShortString(ref span));
            var party = Encoding.ASCII.GetString(ReadShortString(ref span));
            var schemaHash = span[..32].ToArray();
            span = span[32..];
            var schemaVersion = BinaryPrimitives.ReadUInt16BigEndian(span);
            var keyCount = First(span[2..]);
            span = span[3..];
            var keys = new BatchKey[keyCount];
            for (var i = 0; i < keyCount; i++)
            {
                var id = Encoding.ASCII.GetString(ReadShortString(ref span));
                var band = (MatchBand)First(span);
                span = span[1..];
                if (!Enum.IsDefined(band))
                {
                    throw Corrupt(sourceName, $"key '{id}' has an unknown band");
                }

                keys[i] = new BatchKey(id, band);
            }

            BatchStage2? layout = null;
            if (stage2)
            {
                var vectorLength = BinaryPrimitives.ReadUInt16BigEndian(span);
                var blockCount = First(span[2..]);
                span = span[3..];
                var entries = BinaryPrimitives.ReadInt64BigEndian(span[16..]);
                if (vectorLength is 0 or > BatchFormat.MaxVectorLength || blockCount == 0 || entries < 0)
                {
                    throw Corrupt(sourceName,
                        $"its stage-2 layout is out of bounds (vectors of {vectorLength} bytes, {blockCount} blocks; at most {BatchFormat.MaxVectorLength} bytes)");
                }

                layout = new BatchStage2(vectorLength, blockCount, entries);
            }

            var records = BinaryPrimitives.ReadInt64BigEndian(span);
            var tokens = BinaryPrimitives.ReadInt64BigEndian(span[8..]);
            if (span.Length != (stage2 ? 24 : 16) || records < 0 || tokens < 0)
            {
                throw Corrupt(sourceName, "its header does not add up");
            }

            if (!Identifiers.IsValidPartyCode(party) || !Identifiers.IsValidProjectId(projectId))
            {
                throw Corrupt(sourceName, "its party code or project id is malformed");
            }

            return new BatchHeader(batchId, projectId, party, schemaHash, schemaVersion, keys, records, tokens) { Stage2 = layout };
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new BatchFormatException($"Batch file '{sourceName}' is corrupt: its header is cut short.", e);
        }
    }

    private static ReadOnlySpan<byte> ReadShortString(ref ReadOnlySpan<byte> span)
    {
        var length = First(span);
        var value = span.Slice(1, length);
        span = span[(1 + length)..];
        return value;
    }

    // Slicing past the end throws ArgumentOutOfRangeException, which ParseHeader reports as a header cut short; an index
    // past the end would throw IndexOutOfRangeException instead and escape as a crash (found by BatchFileFuzzTests).
    private static byte First(ReadOnlySpan<byte> span) => span[..1][0];

    private static BatchFormatException Corrupt(string sourceName, string problem) =>
        new($"Batch file '{sourceName}' is corrupt: {problem}.");
}
