using System.ComponentModel.DataAnnotations;

namespace Aquila.Matching.Storage;

/// <summary>Options of one project's <see cref="WriteAheadLog"/>.</summary>
public sealed class WriteAheadLogOptions
{
    /// <summary>The default segment size: 64 MiB.</summary>
    public const long DefaultSegmentSize = 64L * 1024 * 1024;

    /// <summary>The project's log directory; it holds nothing else. Created when missing.</summary>
    [Required]
    public string Directory { get; set; } = "";

    /// <summary>A segment is closed and a new one started once the next record would take it past this size.</summary>
    [Range(4096, long.MaxValue)]
    public long SegmentSize { get; set; } = DefaultSegmentSize;

    /// <summary>
    /// The project's 32-byte data key. Records and snapshots are encrypted under keys derived from it; destroying it
    /// crypto-shreds the log.
    /// </summary>
    public ReadOnlyMemory<byte> DataKey { get; set; }

    /// <summary>
    /// Test only: skip the flush to disk before acknowledging appends, to prove that power-cut tests catch a log that
    /// does not fsync. Never set it in production.
    /// </summary>
    internal bool SkipFlushForTesting { get; set; }

    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            throw new ArgumentException("WriteAheadLogOptions.Directory must name the project's log directory.", nameof(Directory));
        }

        if (SegmentSize < 4096)
        {
            throw new ArgumentOutOfRangeException(nameof(SegmentSize), SegmentSize, "WriteAheadLogOptions.SegmentSize must be at least 4096 bytes.");
        }

        if (DataKey.Length != WalKeys.DataKeyLength)
        {
            throw new ArgumentException(
                $"WriteAheadLogOptions.DataKey must be {WalKeys.DataKeyLength} bytes, not {DataKey.Length}.", nameof(DataKey));
        }
    }
}
