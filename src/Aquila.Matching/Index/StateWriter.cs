using System.Buffers;
using System.Buffers.Binary;
using System.Runtime.InteropServices;

namespace Aquila.Matching.Index;

/// <summary>
/// Little-endian primitives for writing in-memory state to a snapshot: scalars go straight into the writer's span,
/// arrays of plain values are copied as their bytes in pieces no larger than the writer hands out.
/// </summary>
internal readonly struct StateWriter
{
    private const int Piece = 64 * 1024;
    private readonly IBufferWriter<byte> _output;

    public StateWriter(IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!BitConverter.IsLittleEndian)
        {
            // Arrays are written as their in-memory bytes, which the format defines as little-endian.
            throw new PlatformNotSupportedException("Snapshots are written on little-endian machines only.");
        }

        _output = output;
    }

    public void WriteByte(byte value)
    {
        _output.GetSpan(1)[0] = value;
        _output.Advance(1);
    }

    public void WriteInt32(int value)
    {
        BinaryPrimitives.WriteInt32LittleEndian(_output.GetSpan(sizeof(int)), value);
        _output.Advance(sizeof(int));
    }

    public void WriteInt64(long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(_output.GetSpan(sizeof(long)), value);
        _output.Advance(sizeof(long));
    }

    /// <summary>A span of <paramref name="size"/> bytes to fill now, followed by <see cref="Advance"/>.</summary>
    public Span<byte> Reserve(int size) => _output.GetSpan(size)[..size];

    public void Advance(int size) => _output.Advance(size);

    public void WriteBytes(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var n = Math.Min(bytes.Length, Piece);
            bytes[..n].CopyTo(_output.GetSpan(n));
            _output.Advance(n);
            bytes = bytes[n..];
        }
    }

    public void WriteArray<T>(ReadOnlySpan<T> values)
        where T : unmanaged => WriteBytes(MemoryMarshal.AsBytes(values));
}
