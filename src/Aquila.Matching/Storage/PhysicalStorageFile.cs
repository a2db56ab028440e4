using Microsoft.Win32.SafeHandles;

namespace Aquila.Matching.Storage;

/// <summary>A file handle used through <see cref="RandomAccess"/>, so no stream buffer sits between the log and the OS.</summary>
internal sealed class PhysicalStorageFile(SafeFileHandle handle) : IStorageFile
{
    public long Length => RandomAccess.GetLength(handle);

    public int Read(long offset, Span<byte> destination)
    {
        var total = 0;
        while (total < destination.Length)
        {
            var read = RandomAccess.Read(handle, destination[total..], offset + total);
            if (read == 0)
            {
                break;
            }

            total += read;
        }

        return total;
    }

    public void Write(long offset, ReadOnlySpan<byte> source) => RandomAccess.Write(handle, source, offset);

    public void SetLength(long length) => RandomAccess.SetLength(handle, length);

    public void FlushToDisk() => RandomAccess.FlushToDisk(handle);

    public void Dispose() => handle.Dispose();
}
