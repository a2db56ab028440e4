namespace Aquila.Matching.Storage;

/// <summary>An open file with positional reads and writes, obtained from an <see cref="IFileSystem"/>.</summary>
public interface IStorageFile : IDisposable
{
    /// <summary>The current length of the file in bytes, including bytes not yet flushed to disk.</summary>
    long Length { get; }

    /// <summary>Reads up to <paramref name="destination"/>.Length bytes at <paramref name="offset"/>; returns the count read (0 at the end).</summary>
    int Read(long offset, Span<byte> destination);

    /// <summary>Writes all of <paramref name="source"/> at <paramref name="offset"/>, extending the file when needed.</summary>
    void Write(long offset, ReadOnlySpan<byte> source);

    /// <summary>Truncates or extends the file to <paramref name="length"/> bytes.</summary>
    void SetLength(long length);

    /// <summary>Makes the file's data and length durable (fsync); a plain stream flush is not enough.</summary>
    void FlushToDisk();
}
