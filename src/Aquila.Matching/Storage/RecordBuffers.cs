using System.Buffers;

namespace Aquila.Matching.Storage;

/// <summary>
/// Byte buffers for log records and batch payloads: up to 1 MiB from the shared pool, larger ones allocated and left to
/// the GC. The shared pool keeps arrays returned to it, per thread and per core, until memory runs short: pooling
/// buffers sized to the largest group commit or batch (tens to hundreds of MiB) kept gigabytes alive after a large ingest.
/// </summary>
internal static class RecordBuffers
{
    /// <summary>The largest buffer that goes back to the shared pool.</summary>
    public const int MaxPooled = 1024 * 1024;

    /// <summary>A buffer of at least <paramref name="length"/> bytes (not cleared).</summary>
    public static byte[] Rent(int length) =>
        length <= MaxPooled ? ArrayPool<byte>.Shared.Rent(length) : GC.AllocateUninitializedArray<byte>(length);

    /// <summary>Clears the first <paramref name="length"/> bytes (handles and re-keyed tokens must not linger in pooled memory), then <see cref="Return"/>s it.</summary>
    public static void ClearAndReturn(byte[] buffer, int length)
    {
        Array.Clear(buffer, 0, length);
        Return(buffer);
    }

    /// <summary>Gives back a buffer from <see cref="Rent"/>: pooled when small, dropped when large.</summary>
    public static void Return(byte[] buffer)
    {
        if (buffer.Length is > 0 and <= MaxPooled)
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
