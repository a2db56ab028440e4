namespace Aquila.Tokens.Batches;

/// <summary>One record read from a batch file. The reader reuses the instance: copy what must outlive the next read.</summary>
public sealed class BatchRecord
{
    private readonly byte[] _handle = new byte[BatchFormat.HandleLength];
    private readonly byte[] _entries = new byte[BatchFormat.MaxTokensPerRecord * BatchFormat.TokenEntryLength];

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

    internal Span<byte> HandleBuffer => _handle;

    internal Span<byte> EntryBuffer(int count) => _entries.AsSpan(0, count * BatchFormat.TokenEntryLength);
}
