using System.Buffers;
using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace Aquila.Coordination.Audit;

/// <summary>
/// A SHA-256 value of the audit chain (an entry hash or a previous-entry hash). A value type of four 64-bit words, so it
/// compares and copies without allocating; <c>default</c> is <see cref="Zero"/>, the previous hash of the first entry.
/// </summary>
public readonly record struct AuditHash
{
    /// <summary>Length of a hash in bytes.</summary>
    public const int Length = 32;

    private readonly ulong _w0;
    private readonly ulong _w1;
    private readonly ulong _w2;
    private readonly ulong _w3;

    private AuditHash(ulong w0, ulong w1, ulong w2, ulong w3)
    {
        _w0 = w0;
        _w1 = w1;
        _w2 = w2;
        _w3 = w3;
    }

    /// <summary>32 zero bytes: the previous hash of entry 1.</summary>
    public static AuditHash Zero => default;

    /// <summary>Creates a hash from exactly 32 bytes.</summary>
    /// <exception cref="ArgumentException"><paramref name="bytes"/> is not 32 bytes long.</exception>
    public static AuditHash FromBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Length)
        {
            throw new ArgumentException($"An audit hash is {Length} bytes, not {bytes.Length}.", nameof(bytes));
        }

        return new AuditHash(
            BinaryPrimitives.ReadUInt64BigEndian(bytes),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[8..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[16..]),
            BinaryPrimitives.ReadUInt64BigEndian(bytes[24..]));
    }

    /// <summary>Writes the 32 bytes to <paramref name="destination"/>.</summary>
    public void CopyTo(Span<byte> destination)
    {
        if (destination.Length < Length)
        {
            throw new ArgumentException($"The destination must hold {Length} bytes.", nameof(destination));
        }

        BinaryPrimitives.WriteUInt64BigEndian(destination, _w0);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _w1);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _w2);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _w3);
    }

    /// <summary>The 32 bytes as a new array.</summary>
    public byte[] ToArray()
    {
        var bytes = new byte[Length];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Lower-case hex, 64 characters.</summary>
    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }

    /// <summary>Parses 64 hex characters (either case).</summary>
    public static bool TryParse([NotNullWhen(true)] string? text, out AuditHash hash)
    {
        hash = default;
        return text is not null && TryParse(text.AsSpan(), out hash);
    }

    /// <summary>Parses 64 hex characters (either case).</summary>
    public static bool TryParse(ReadOnlySpan<char> text, out AuditHash hash)
    {
        hash = default;
        if (text.Length != 2 * Length)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        if (Convert.FromHexString(text, bytes, out _, out var written) != OperationStatus.Done || written != Length)
        {
            return false;
        }

        hash = FromBytes(bytes);
        return true;
    }

    /// <summary>Parses 64 hex characters (either case).</summary>
    /// <exception cref="FormatException">The text is not 64 hex characters.</exception>
    public static AuditHash Parse(string text) =>
        TryParse(text, out var hash) ? hash : throw new FormatException($"An audit hash is {2 * Length} hex characters.");
}
