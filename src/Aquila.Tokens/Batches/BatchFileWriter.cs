using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Batches;

/// <summary>
/// Writes a token batch file (<see cref="BatchFormat"/>) to a temporary file next to the target, then patches the
/// counts, appends the checksum, flushes to disk and renames it into place: a reader never sees half a batch.
/// </summary>
public sealed class BatchFileWriter : IDisposable
{
    private readonly string _path;
    private readonly string _tempPath;
    private readonly FileStream _stream;
    private readonly BatchHeader _header;
    private readonly long _countsOffset;
    private readonly int _keyCount;
    private readonly BatchStage2? _stage2;
    private long _records;
    private long _tokens;
    private long _blocks;
    private bool _completed;

    /// <summary>Starts a batch file for <paramref name="party"/> in <paramref name="projectId"/>.</summary>
    public BatchFileWriter(string path, string projectId, string party, MatchKeySchema schema, ReadOnlySpan<byte> batchId)
    {
        ArgumentNullException.ThrowIfNull(schema);
        if (!Identifiers.IsValidProjectId(projectId))
        {
            throw new ArgumentException("A project id is 1-64 characters of letters, digits, '.', '_' and '-'.", nameof(projectId));
        }

        if (!Identifiers.IsValidPartyCode(party))
        {
            throw new ArgumentException("A party code is 2 or 3 upper-case letters (e.g. RS, BA, XK).", nameof(party));
        }

        if (batchId.Length != 16)
        {
            throw new ArgumentException("A batch id is 16 bytes.", nameof(batchId));
        }

        var keys = new BatchKey[schema.Keys.Count];
        for (var i = 0; i < keys.Length; i++)
        {
            keys[i] = new BatchKey(schema.Keys[i].Id, schema.Keys[i].Band);
        }

        // A schema with a scoring section gives format version 2 (stage 2 carried); without one, version 1 as before.
        _stage2 = schema.Scoring is { } scoring
            ? new BatchStage2(scoring.Layout.Length, scoring.Blocks.Count, 0)
            : null;
        _header = new BatchHeader(batchId.ToArray(), projectId, party, schema.Hash, schema.Version, keys, 0, 0) { Stage2 = _stage2 };
        _keyCount = keys.Length;
        _path = Path.GetFullPath(path);
        _tempPath = _path + ".tmp-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        _stream = new FileStream(_tempPath, FileMode.CreateNew, FileAccess.ReadWrite, FileShare.None, 1 << 16);
        _countsOffset = WriteHeader();
    }

    /// <summary>Records written so far.</summary>
    public long RecordCount => _records;

    /// <summary>
    /// Appends one record: its handle, category and token entries (each a key index byte followed by a 16-byte token).
    /// </summary>
    public void WriteRecord(ReadOnlySpan<byte> handle, SubjectCategory category, ReadOnlySpan<byte> tokenEntries) =>
        WriteRecord(handle, category, tokenEntries, []);

    /// <summary>
    /// Appends one record with its stage-2 block entries (each a block index byte, a 16-byte block token and the
    /// comparison vector; see <see cref="BatchStage2.EntryLength"/>). A batch for a schema without a scoring section
    /// takes no block entries.
    /// </summary>
    public void WriteRecord(ReadOnlySpan<byte> handle, SubjectCategory category, ReadOnlySpan<byte> tokenEntries, ReadOnlySpan<byte> blockEntries)
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        if (handle.Length != BatchFormat.HandleLength)
        {
            throw new ArgumentException("A handle is 16 bytes.", nameof(handle));
        }

        var count = tokenEntries.Length / BatchFormat.TokenEntryLength;
        if (count * BatchFormat.TokenEntryLength != tokenEntries.Length || count > BatchFormat.MaxTokensPerRecord)
        {
            throw new ArgumentException("Token entries must be whole 17-byte entries, at most 255.", nameof(tokenEntries));
        }

        for (var i = 0; i < count; i++)
        {
            if (tokenEntries[i * BatchFormat.TokenEntryLength] >= _keyCount)
            {
                throw new ArgumentException("A token refers to a key the schema does not have.", nameof(tokenEntries));
            }
        }

        var blocks = CheckBlocks(blockEntries);
        _stream.Write(handle);
        Span<byte> recordHead = [(byte)category, (byte)count];
        _stream.Write(recordHead);
        _stream.Write(tokenEntries);
        if (_stage2 is not null)
        {
            _stream.WriteByte((byte)blocks);
            _stream.Write(blockEntries);
        }

        _records++;
        _tokens += count;
        _blocks += blocks;
    }

    /// <summary>Finishes the file: counts, checksum, flush to disk, rename into place. Returns the final header.</summary>
    public BatchHeader Complete()
    {
        ObjectDisposedException.ThrowIf(_completed, this);
        Span<byte> counts = stackalloc byte[_stage2 is null ? 16 : 24];
        BinaryPrimitives.WriteInt64BigEndian(counts, _records);
        BinaryPrimitives.WriteInt64BigEndian(counts[8..], _tokens);
        if (_stage2 is not null)
        {
            BinaryPrimitives.WriteInt64BigEndian(counts[16..], _blocks);
        }

        _stream.Position = _countsOffset;
        _stream.Write(counts);
        _stream.Flush();

        _stream.Position = 0;
        var checksum = SHA256.HashData(_stream);
        _stream.Position = _stream.Length;
        _stream.Write(checksum);
        _stream.Flush(flushToDisk: true);
        _stream.Dispose();
        File.Move(_tempPath, _path, overwrite: true);
        _completed = true;
        return _header with
        {
            RecordCount = _records,
            TokenCount = _tokens,
            Stage2 = _stage2 is null ? null : _stage2 with { BlockEntryCount = _blocks },
        };
    }

    /// <summary>Abandons an unfinished file (its temporary file is deleted).</summary>
    public void Dispose()
    {
        if (_completed)
        {
            return;
        }

        _completed = true;
        _stream.Dispose();
        File.Delete(_tempPath);
    }

    private long WriteHeader()
    {
        var header = new MemoryStream();
        header.Write(_header.BatchId.Span);
        WriteShortString(header, Encoding.UTF8.GetBytes(_header.ProjectId));
        WriteShortString(header, Encoding.ASCII.GetBytes(_header.Party));
        header.Write(_header.SchemaHash.Span);
        Span<byte> u16 = stackalloc byte[2];
        BinaryPrimitives.WriteUInt16BigEndian(u16, (ushort)_header.SchemaVersion);
        header.Write(u16);
        header.WriteByte((byte)_header.Keys.Count);
        foreach (var key in _header.Keys)
        {
            WriteShortString(header, Encoding.ASCII.GetBytes(key.Id));
            header.WriteByte((byte)key.Band);
        }

        if (_stage2 is not null)
        {
            BinaryPrimitives.WriteUInt16BigEndian(u16, (ushort)_stage2.VectorLength);
            header.Write(u16);
            header.WriteByte(checked((byte)_stage2.BlockCount));
        }

        var countsInHeader = header.Length;
        header.Write(new byte[_stage2 is null ? 16 : 24]);

        Span<byte> prefix = stackalloc byte[BatchFormat.HeaderOffset];
        BatchFormat.Magic.CopyTo(prefix);
        BinaryPrimitives.WriteUInt16BigEndian(prefix[4..], _stage2 is null ? BatchFormat.Version : BatchFormat.Stage2Version);
        BinaryPrimitives.WriteUInt32BigEndian(prefix[6..], (uint)header.Length);
        _stream.Write(prefix);
        _stream.Write(header.GetBuffer().AsSpan(0, (int)header.Length));
        return BatchFormat.HeaderOffset + countsInHeader;
    }

    private int CheckBlocks(ReadOnlySpan<byte> blockEntries)
    {
        if (_stage2 is null)
        {
            return blockEntries.IsEmpty
                ? 0
                : throw new ArgumentException("The schema has no scoring section: a record carries no block entries.", nameof(blockEntries));
        }

        var length = _stage2.EntryLength;
        var count = blockEntries.Length / length;
        if (count * length != blockEntries.Length || count > BatchFormat.MaxBlocksPerRecord)
        {
            throw new ArgumentException($"Block entries must be whole {length}-byte entries, at most 255.", nameof(blockEntries));
        }

        for (var i = 0; i < count; i++)
        {
            if (blockEntries[i * length] >= _stage2.BlockCount)
            {
                throw new ArgumentException("A block entry refers to a block the schema does not have.", nameof(blockEntries));
            }
        }

        return count;
    }

    private static void WriteShortString(MemoryStream stream, byte[] bytes)
    {
        stream.WriteByte(checked((byte)bytes.Length));
        stream.Write(bytes);
    }
}
