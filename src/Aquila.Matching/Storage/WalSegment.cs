namespace Aquila.Matching.Storage;

/// <summary>
/// A segment of the log, planned or on disk. Appenders advance <see cref="PlannedEnd"/> under the log's lock; the
/// writer thread owns <see cref="File"/> and <see cref="WriteEnd"/> and publishes <see cref="DurableEnd"/> under the lock.
/// </summary>
internal sealed class WalSegment(string directory, WalSegmentHeader header)
{
    public const string Extension = ".wal";

    public WalSegmentHeader Header { get; } = header;

    public long Index => Header.Index;

    public long BaseLsn => Header.BaseLsn;

    public uint Salt => Header.Salt;

    public string FileName { get; } = NameFor(header.Index);

    public string Path { get; } = System.IO.Path.Combine(directory, NameFor(header.Index));

    /// <summary>Where the next appended record will start once every earlier one is written (appenders' view).</summary>
    public long PlannedEnd { get; set; } = WalSegmentHeader.Length;

    /// <summary>End of the bytes that are flushed to disk; readers never look past it.</summary>
    public long DurableEnd { get; set; } = WalSegmentHeader.Length;

    /// <summary>End of the bytes written (writer thread only).</summary>
    public long WriteEnd { get; set; } = WalSegmentHeader.Length;

    /// <summary>The open file while this is the segment being written (writer thread only).</summary>
    public IStorageFile? File { get; set; }

    public static string NameFor(long index) => $"segment-{index:D10}{Extension}";

    public static bool TryParseIndex(string fileName, out long index)
    {
        index = 0;
        return fileName.StartsWith("segment-", StringComparison.Ordinal)
            && fileName.EndsWith(Extension, StringComparison.Ordinal)
            && long.TryParse(fileName.AsSpan(8, fileName.Length - 8 - Extension.Length), System.Globalization.NumberStyles.None,
                System.Globalization.CultureInfo.InvariantCulture, out index);
    }
}
