namespace Aquila.Matching.Index;

/// <summary>
/// One party's batch for the index: records (16-byte handles), each with its tokens (key index + 16 bytes), kept
/// in flat growing arrays. Reusable: <see cref="Clear"/> keeps the arrays.
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
