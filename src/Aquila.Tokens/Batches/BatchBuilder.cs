using System.Security.Cryptography;
using Aquila.Tokens.Keys;

namespace Aquila.Tokens.Batches;

/// <summary>
/// Collects tokenised records, then writes them as a batch file in a random order with fresh random handles, and
/// the node-local handle map beside it. Holding the records until the end is what lets the order be random: a
/// source export sorted by name must not give the matcher a rough alphabetical position per handle.
/// </summary>
public sealed class BatchBuilder
{
    private readonly List<Entry> _entries = [];
    private byte[] _arena = new byte[1 << 16];
    private long _arenaLength;
    private byte[] _blockArena = [];
    private long _blockArenaLength;

    /// <summary>Records added so far.</summary>
    public int RecordCount => _entries.Count;

    /// <summary>Tokens added so far.</summary>
    public long TokenCount { get; private set; }

    /// <summary>Block entries added so far (stage 2).</summary>
    public long BlockCount { get; private set; }

    /// <summary>Adds a record's token entries (per token a key index byte and 16 token bytes).</summary>
    public void Add(string recordId, long lineNumber, SubjectCategory category, ReadOnlySpan<byte> tokenEntries) =>
        Add(recordId, lineNumber, category, tokenEntries, [], 0);

    /// <summary>
    /// Adds a record's token entries and its <paramref name="blockCount"/> stage-2 block entries (per block an index
    /// byte, 16 block-token bytes and the comparison vector; the batch file checks their length).
    /// </summary>
    public void Add(string recordId, long lineNumber, SubjectCategory category, ReadOnlySpan<byte> tokenEntries,
        ReadOnlySpan<byte> blockEntries, int blockCount)
    {
        ArgumentNullException.ThrowIfNull(recordId);
        var count = tokenEntries.Length / BatchFormat.TokenEntryLength;
        if (count * BatchFormat.TokenEntryLength != tokenEntries.Length || count > BatchFormat.MaxTokensPerRecord)
        {
            throw new ArgumentException("Token entries must be whole 17-byte entries, at most 255.", nameof(tokenEntries));
        }

        if (blockCount is < 0 or > BatchFormat.MaxBlocksPerRecord)
        {
            throw new ArgumentOutOfRangeException(nameof(blockCount), "A record carries at most 255 block entries.");
        }

        EnsureArena(ref _arena, _arenaLength, tokenEntries.Length);
        tokenEntries.CopyTo(_arena.AsSpan((int)_arenaLength));
        EnsureArena(ref _blockArena, _blockArenaLength, blockEntries.Length);
        blockEntries.CopyTo(_blockArena.AsSpan((int)_blockArenaLength));
        _entries.Add(new Entry(recordId, lineNumber, category, (int)_arenaLength, (byte)count, (int)_blockArenaLength, blockEntries.Length));
        _arenaLength += tokenEntries.Length;
        _blockArenaLength += blockEntries.Length;
        TokenCount += count;
        BlockCount += blockCount;
    }

    /// <summary>
    /// Writes the batch file and the handle map (readable by its owner only). Returns the batch header.
    /// </summary>
    public BatchHeader Write(string batchPath, string handleMapPath, string projectId, string party, MatchKeySchema schema)
    {
        var order = new int[_entries.Count];
        for (var i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        RandomNumberGenerator.Shuffle(order.AsSpan());
        var batchId = RandomNumberGenerator.GetBytes(16);
        Span<byte> handle = stackalloc byte[BatchFormat.HandleLength];
        using var writer = new BatchFileWriter(batchPath, projectId, party, schema, batchId);
        using var map = HandleMapWriter.Create(handleMapPath);
        foreach (var index in order)
        {
            var entry = _entries[index];
            RandomNumberGenerator.Fill(handle);
            writer.WriteRecord(handle, entry.Category,
                _arena.AsSpan(entry.Offset, entry.TokenCount * BatchFormat.TokenEntryLength),
                _blockArena.AsSpan(entry.BlockOffset, entry.BlockBytes));
            map.Write(handle, entry.RecordId, entry.LineNumber);
        }

        map.Complete();
        return writer.Complete();
    }

    private static void EnsureArena(ref byte[] arena, long length, int extra)
    {
        var needed = length + extra;
        if (needed <= arena.Length)
        {
            return;
        }

        if (needed > Array.MaxLength)
        {
            throw new InvalidOperationException(
                "The input holds more tokens or comparison vectors than one batch file can carry (about 2 GB); split it into several files.");
        }

        var size = Math.Max(1L << 16, arena.Length);
        while (size < needed)
        {
            size *= 2;
        }

        Array.Resize(ref arena, (int)Math.Min(size, Array.MaxLength));
    }

    private readonly record struct Entry(
        string RecordId, long LineNumber, SubjectCategory Category, int Offset, byte TokenCount, int BlockOffset, int BlockBytes);
}
