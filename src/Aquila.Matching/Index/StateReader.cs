using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.InteropServices;

namespace Aquila.Matching.Index;

/// <summary>Reads what a <see cref="StateWriter"/> wrote, from a stream; a short stream is an <see cref="InvalidDataException"/>.</summary>
internal sealed class StateReader(Stream input)
{
    /// <summary>Largest <see cref="Fill"/>: fixed-size items are read this many bytes at a time, not one by one.</summary>
    public const int MaxFill = 64 * 1024;

    private readonly byte[] _scratch = new byte[MaxFill];

    public byte ReadByte() => Fill(1)[0];

    public int ReadInt32() => BinaryPrimitives.ReadInt32LittleEndian(Fill(sizeof(int)));

    public long ReadInt64() => BinaryPrimitives.ReadInt64LittleEndian(Fill(sizeof(long)));

    /// <summary>A count written by the snapshot, checked against a bound so a bad count fails clearly rather than allocating.</summary>
    public int ReadCount(int max, string what)
    {
        var count = ReadInt32();
        if (count < 0 || count > max)
        {
            ThrowBad($"{what} count {count} is outside 0..{max}");
        }

        return count;
    }

    /// <summary>Reads exactly <paramref name="size"/> (at most <see cref="MaxFill"/>) bytes into a scratch span valid until the next read.</summary>
    public ReadOnlySpan<byte> Fill(int size)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(size, MaxFill);
        var span = _scratch.AsSpan(0, size);
        ReadBytes(span);
        return span;
    }

    public void ReadBytes(Span<byte> destination)
    {
        try
        {
            input.ReadExactly(destination);
        }
        catch (EndOfStreamException)
        {
            ThrowBad("ends early");
        }
    }

    public void ReadArray<T>(Span<T> destination)
        where T : unmanaged => ReadBytes(MemoryMarshal.AsBytes(destination));

    [DoesNotReturn]
    public static void ThrowBad(string problem) => throw new InvalidDataException($"The snapshot's state is inconsistent: {problem}.");
}
