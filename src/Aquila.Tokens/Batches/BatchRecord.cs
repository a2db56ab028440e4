namespace Aquila.Tokens.Batches;

/// <summary>One record read from a batch file. The reader reuses the instance: copy what must outlive the next read.</summary>
public sealed class BatchRecord
{
    private readonly byte[] _handle = new byte[BatchFormat.HandleLength];
    private readonly byte[] _entries = new byte[BatchFormat.MaxTokensPerRecord * BatchFormat.TokenEntryLength];
    private byte[] _blocks = [];
    private int _blockEntryLength;

    /// <summary>The record's opaque handle.</summary>
    public ReadOnlySpan<byte> Handle => _handle;

    /// <summary>The data-subject category.</summary>
    public SubjectCategory Category { get; internal set; }

    /// <summary>Number of tokens.</summary>
    public int TokenCount { get; internal set; }

    /// <summary>All token entries: per token a key index byte and 16 token bytes.</summary>
    public ReadOnlySpan<byte> TokenEntries => _entries.AsSpan(0, TokenCount * BatchFormat.TokenEntryLength);

    /// <summary>Key index of token <paramref name="i"/>.</summary>
    public int KeyIndexAt(int i) => _entries[i * BatchFormat.TokenEntryLength];

    /// <summary>Token <paramref name="i"/>.</summary>
    public ReadOnlySpan<byte> TokenAt(int i) =>
        _entries.AsSpan((i * BatchFormat.TokenEntryLength) + 1, Derivation.TokenDeriver.TokenLength);

    /// <summary>Number of stage-2 block entries (0 in a batch without stage 2).</summary>
    public int BlockCount { get; internal set; }

    /// <summary>Bytes of one block entry (block index, block token, vector); 0 in a batch without stage 2.</summary>
    public int BlockEntryLength => _blockEntryLength;

    /// <summary>All block entries: per block its index byte, 16 block-token bytes and the comparison vector.</summary>
    public ReadOnlySpan<byte> BlockEntries => _blocks.AsSpan(0, BlockCount * _blockEntryLength);

    /// <summary>Block index of block entry <paramref name="i"/>.</summary>
    public int BlockIndexAt(int i) => _blocks[i * _blockEntryLength];

    /// <summary>Block token of block entry <paramref name="i"/>.</summary>
    public ReadOnlySpan<byte> BlockTokenAt(int i) => _blocks.AsSpan((i * _blockEntryLength) + 1, BatchFormat.BlockTokenLength);

    /// <summary>Comparison vector of block entry <paramref name="i"/>.</summary>
    public ReadOnlySpan<byte> VectorAt(int i) =>
        _blocks.AsSpan((i * _blockEntryLength) + 1 + BatchFormat.BlockTokenLength, _blockEntryLength - 1 - BatchFormat.BlockTokenLength);

    internal Span<byte> HandleBuffer => _handle;

    internal Span<byte> BlockBuffer(int entryLength, int count)
    {
        var needed = BatchFormat.MaxBlocksPerRecord * entryLength;
        if (_blocks.Length < needed)
        {
            _blocks = new byte[needed];
        }

        _blockEntryLength = entryLength;
        return _blocks.AsSpan(0, count * entryLength);
    }

    internal Span<byte> EntryBuffer(int count) => _entries.AsSpan(0, count * BatchFormat.TokenEntryLength);
}
