namespace Aquila.Matching.Index;

/// <summary>
/// One party's batch for the index: records (16-byte handles), each with its tokens (key index + 16 bytes), kept
/// in flat growing arrays. Reusable: <see cref="Clear"/> keeps the arrays. A batch for a schema with a scoring section
/// also carries, per record, its stage-2 block entries (block index, 16-byte block token, comparison vector of
/// <see cref="VectorLength"/> bytes), kept as opaque bytes in one more flat array.
/// </summary>
public sealed class TokenBatch
{
    private const int TokenSize = TokenRekeyer.TokenSize;

    private byte[] _handles;
    private int[] _recordEnds; // exclusive end of each record's tokens
    private byte[] _keyIndices;
    private byte[] _tokens;
    private int _recordCount;
    private int _tokenCount;
    private int[] _blockEnds = []; // exclusive end of each record's block entries
    private byte[] _blocks = [];
    private int _blockCount;

    /// <summary>Creates an empty batch sized for the given numbers of records and tokens.</summary>
    public TokenBatch(int recordCapacity = 64, int tokenCapacity = 512)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(recordCapacity);
        ArgumentOutOfRangeException.ThrowIfNegative(tokenCapacity);
        _handles = new byte[Math.Max(1, recordCapacity) * RecordHandle.Size];
        _recordEnds = new int[Math.Max(1, recordCapacity)];
        _keyIndices = new byte[Math.Max(1, tokenCapacity)];
        _tokens = new byte[Math.Max(1, tokenCapacity) * TokenSize];
    }

    /// <summary>Number of records.</summary>
    public int RecordCount => _recordCount;

    /// <summary>Number of tokens over all records.</summary>
    public int TokenCount => _tokenCount;

    /// <summary>All token bytes, 16 per token, in order.</summary>
    public ReadOnlySpan<byte> TokenBytes => _tokens.AsSpan(0, _tokenCount * TokenSize);

    /// <summary>Bytes of one comparison vector; 0 while the batch carries no stage 2.</summary>
    public int VectorLength { get; private set; }

    /// <summary>Number of stage-2 block entries over all records.</summary>
    public int BlockCount => _blockCount;

    /// <summary>Bytes of one block entry: block index, block token, vector.</summary>
    public int BlockEntryLength => 1 + TokenSize + VectorLength;

    /// <summary>
    /// Makes the batch carry stage 2 with vectors of <paramref name="vectorLength"/> bytes. Call on an empty batch, before
    /// its first record.
    /// </summary>
    public void CarryStage2(int vectorLength)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(vectorLength);
        if (_recordCount != 0)
        {
            throw new InvalidOperationException("Set the stage-2 layout before adding records.");
        }

        VectorLength = vectorLength;
        if (_blockEnds.Length < _recordEnds.Length)
        {
            _blockEnds = new int[_recordEnds.Length];
        }
    }

    /// <summary>Adds a stage-2 block entry to the current record.</summary>
    public void AddBlock(byte blockIndex, ReadOnlySpan<byte> blockToken, ReadOnlySpan<byte> vector)
    {
        if (_recordCount == 0 || VectorLength == 0)
        {
            throw new InvalidOperationException("Carry stage 2 and add a record before adding its block entries.");
        }

        if (blockToken.Length != TokenSize || vector.Length != VectorLength)
        {
            throw new ArgumentException($"A block entry is a {TokenSize}-byte token and a {VectorLength}-byte vector.", nameof(vector));
        }

        var length = BlockEntryLength;
        if ((_blockCount + 1) * length > _blocks.Length)
        {
            Array.Resize(ref _blocks, Math.Max(length * 64, _blocks.Length * 2));
        }

        var at = _blockCount * length;
        _blocks[at] = blockIndex;
        blockToken.CopyTo(_blocks.AsSpan(at + 1));
        vector.CopyTo(_blocks.AsSpan(at + 1 + TokenSize));
        _blockCount++;
        _blockEnds[_recordCount - 1] = _blockCount;
    }

    /// <summary>The range of block-entry positions belonging to record <paramref name="record"/> (empty without stage 2).</summary>
    public Range GetBlockRange(int record)
    {
        CheckRecord(record);
        return VectorLength == 0 ? new Range(0, 0) : new Range(record == 0 ? 0 : _blockEnds[record - 1], _blockEnds[record]);
    }

    /// <summary>The block index of block entry <paramref name="entry"/>.</summary>
    public byte GetBlockIndex(int entry) => _blocks[CheckBlock(entry) * BlockEntryLength];

    /// <summary>The block token of block entry <paramref name="entry"/>.</summary>
    public ReadOnlySpan<byte> GetBlockToken(int entry) => _blocks.AsSpan((CheckBlock(entry) * BlockEntryLength) + 1, TokenSize);

    /// <summary>The comparison vector of block entry <paramref name="entry"/>.</summary>
    public ReadOnlySpan<byte> GetVector(int entry) => _blocks.AsSpan((CheckBlock(entry) * BlockEntryLength) + 1 + TokenSize, VectorLength);

    /// <summary>Starts a new record; following <see cref="AddToken"/> calls belong to it.</summary>
    public void AddRecord(ReadOnlySpan<byte> handle)
    {
        if (handle.Length != RecordHandle.Size)
        {
            throw new ArgumentException($"A record handle is {RecordHandle.Size} bytes; got {handle.Length}.", nameof(handle));
        }

        if (_recordCount == _recordEnds.Length)
        {
            Array.Resize(ref _recordEnds, _recordEnds.Length * 2);
            Array.Resize(ref _handles, _handles.Length * 2);
        }

        if (VectorLength > 0)
        {
            if (_recordCount == _blockEnds.Length)
            {
                Array.Resize(ref _blockEnds, Math.Max(_recordEnds.Length, _blockEnds.Length * 2));
            }

            _blockEnds[_recordCount] = _blockCount;
        }

        handle.CopyTo(_handles.AsSpan(_recordCount * RecordHandle.Size));
        _recordEnds[_recordCount++] = _tokenCount;
    }

    /// <summary>Adds a token to the current record.</summary>
    public void AddToken(byte keyIndex, ReadOnlySpan<byte> token)
    {
        if (_recordCount == 0)
        {
            throw new InvalidOperationException("Add a record before adding its tokens.");
        }

        if (token.Length != TokenSize)
        {
            throw new ArgumentException($"A token is {TokenSize} bytes; got {token.Length}.", nameof(token));
        }

        if (_tokenCount == _keyIndices.Length)
        {
            Array.Resize(ref _keyIndices, _keyIndices.Length * 2);
            Array.Resize(ref _tokens, _tokens.Length * 2);
        }

        _keyIndices[_tokenCount] = keyIndex;
        token.CopyTo(_tokens.AsSpan(_tokenCount * TokenSize));
        _tokenCount++;
        _recordEnds[_recordCount - 1] = _tokenCount;
    }

    /// <summary>The handle of record <paramref name="record"/>.</summary>
    public ReadOnlySpan<byte> GetHandle(int record)
    {
        CheckRecord(record);
        return _handles.AsSpan(record * RecordHandle.Size, RecordHandle.Size);
    }

    /// <summary>The range of token positions belonging to record <paramref name="record"/>.</summary>
    public Range GetTokenRange(int record)
    {
        CheckRecord(record);
        return new Range(record == 0 ? 0 : _recordEnds[record - 1], _recordEnds[record]);
    }

    /// <summary>The key index of token <paramref name="token"/>.</summary>
    public byte GetKeyIndex(int token)
    {
        CheckToken(token);
        return _keyIndices[token];
    }

    /// <summary>The 16 bytes of token <paramref name="token"/>.</summary>
    public ReadOnlySpan<byte> GetToken(int token)
    {
        CheckToken(token);
        return _tokens.AsSpan(token * TokenSize, TokenSize);
    }

    /// <summary>
    /// Applies the server's permutation to every token in place. Call exactly once, as the batch arrives and before
    /// it is stored or indexed.
    /// </summary>
    public void Rekey(TokenRekeyer rekeyer)
    {
        ArgumentNullException.ThrowIfNull(rekeyer);
        var bytes = _tokens.AsSpan(0, _tokenCount * TokenSize);
        rekeyer.RekeyMany(bytes, bytes);
    }

    /// <summary>Empties the batch, keeping its arrays for reuse.</summary>
    public void Clear()
    {
        _recordCount = 0;
        _tokenCount = 0;
        _blockCount = 0;
        VectorLength = 0;
    }

    private int CheckBlock(int entry)
    {
        if ((uint)entry >= (uint)_blockCount)
        {
            throw new ArgumentOutOfRangeException(nameof(entry), $"Block entry {entry} is outside the batch's {_blockCount} entries.");
        }

        return entry;
    }

    private void CheckRecord(int record)
    {
        if ((uint)record >= (uint)_recordCount)
        {
            throw new ArgumentOutOfRangeException(nameof(record), $"Record {record} is outside the batch's {_recordCount} records.");
        }
    }

    private void CheckToken(int token)
    {
        if ((uint)token >= (uint)_tokenCount)
        {
            throw new ArgumentOutOfRangeException(nameof(token), $"Token {token} is outside the batch's {_tokenCount} tokens.");
        }
    }
}
